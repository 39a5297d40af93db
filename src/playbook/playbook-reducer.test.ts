import { describe, expect, it } from 'vitest';
import { guidanceFor } from './guidance.ts';
import {
  type CustomerSignals,
  initialPlaybookState,
  type PlaybookEvent,
  type PlaybookState,
  playbookEventProblem,
  playbookReducer,
} from './playbook-reducer.ts';
import type { PlaybookStepId } from './steps.ts';

const at = '2026-11-24T10:00:00.000Z';
const calm: CustomerSignals = {
  heat: 50,
  trend: 'steady',
  abuse: false,
  feelsUnheard: false,
  intents: [],
  publicThreat: false,
  legalThreat: false,
};
const customer = (signals: Partial<CustomerSignals> = {}): PlaybookEvent => ({
  type: 'customer-message-analysed',
  at,
  ...calm,
  ...signals,
});
const reply = (practices: string[], heatBefore: number | null, agentReplyCount: number): PlaybookEvent => ({
  type: 'agent-reply-sent',
  at,
  by: 'ana',
  practices,
  heatBefore,
  agentReplyCount,
});
const run = (events: PlaybookEvent[], from: PlaybookState = initialPlaybookState()) => events.reduce(playbookReducer, from);
const inStep = (step: PlaybookStepId, extra: Partial<PlaybookState> = {}): PlaybookState => ({
  ...initialPlaybookState(),
  step,
  ...extra,
});

interface TransitionCase {
  name: string;
  from?: PlaybookState;
  events: PlaybookEvent[];
  step: PlaybookStepId;
  suggestions?: string[];
}

const transitions: TransitionCase[] = [
  {
    name: 'a first customer message keeps the agent at initial contact',
    events: [customer({ heat: 80 })],
    step: 'initial_contact',
  },
  {
    name: 'acknowledging feelings moves on to listening',
    events: [customer({ heat: 80 }), reply(['feelings-acknowledged'], 80, 1)],
    step: 'listen',
  },
  {
    name: 'a complete first reply walks through to follow-up',
    events: [
      customer({ heat: 85 }),
      reply(['feelings-acknowledged', 'concern-restated', 'apology-owned', 'next-step-with-time'], 85, 1),
    ],
    step: 'follow_up',
  },
  {
    name: 'a reply without reassurance or apology stops at de-escalation',
    events: [customer(), reply(['feelings-acknowledged', 'concern-restated', 'next-step-with-time'], 50, 1)],
    step: 'de_escalate',
  },
  {
    name: 'heat rising after two replies suggests escalation',
    events: [
      customer({ heat: 60 }),
      reply([], 60, 1),
      customer({ heat: 65 }),
      reply([], 65, 2),
      customer({ heat: 78, trend: 'rising' }),
    ],
    step: 'initial_contact',
    suggestions: ['escalate'],
  },
  {
    name: 'heat rising after only one reply does not',
    events: [customer({ heat: 60 }), reply([], 60, 1), customer({ heat: 75, trend: 'rising' })],
    step: 'initial_contact',
    suggestions: [],
  },
  {
    name: 'abuse suggests escalation and protection',
    events: [customer({ abuse: true, heat: 90 })],
    step: 'initial_contact',
    suggestions: ['escalate', 'protect-agent'],
  },
  {
    name: 'a repeated complaint sends the agent back to listening',
    from: inStep('resolve'),
    events: [customer({ feelsUnheard: true })],
    step: 'listen',
    suggestions: ['back-to-listening'],
  },
  {
    name: 'heat falling after a reply credits de-escalation',
    events: [customer({ heat: 80 }), reply(['feelings-acknowledged'], 80, 1), customer({ heat: 55, trend: 'falling' })],
    step: 'listen',
    suggestions: ['de-escalation-credited'],
  },
  {
    name: 'a public threat suggests taking it private',
    events: [customer({ publicThreat: true, intents: ['public-threat'] })],
    step: 'initial_contact',
    suggestions: ['take-it-private'],
  },
  {
    name: 'a legal threat suggests escalation',
    events: [customer({ legalThreat: true })],
    step: 'initial_contact',
    suggestions: ['escalate'],
  },
  {
    name: 'a demand beyond policy suggests a compromise',
    events: [customer({ demandBeyondPolicy: true })],
    step: 'initial_contact',
    suggestions: ['look-for-compromise'],
  },
  {
    name: 'a step changed by hand is taken as given',
    events: [{ type: 'step-changed-by-hand', at, by: 'ana', to: 'escalate', reason: 'Customer asked for a manager' }],
    step: 'escalate',
  },
  {
    name: 'a hand tick of the step’s key item advances',
    from: inStep('listen'),
    events: [{ type: 'item-ticked-by-hand', at, by: 'ana', itemId: 'restate-concern' }],
    step: 'de_escalate',
  },
  {
    name: 'resolving moves to follow-up',
    from: inStep('resolve'),
    events: [{ type: 'conversation-resolved', at, by: 'ana' }],
    step: 'follow_up',
  },
  {
    name: 'follow-up reaches reflection only once resolved',
    from: inStep('follow_up'),
    events: [reply(['resolution-checked'], 20, 3)],
    step: 'follow_up',
  },
  {
    name: 'follow-up done after resolution moves to reflection',
    from: inStep('follow_up', { resolved: true }),
    events: [reply(['resolution-checked'], 20, 3)],
    step: 'reflect',
  },
  {
    name: 'escalation explained moves on to follow-up',
    from: inStep('escalate'),
    events: [reply(['escalation-explained'], 70, 2)],
    step: 'follow_up',
  },
];

describe('playbook transitions', () => {
  for (const { name, from, events, step, suggestions } of transitions) {
    it(name, () => {
      const state = run(events, from);
      expect(state.step).toBe(step);
      if (suggestions) expect(state.suggestions.map((suggestion) => suggestion.kind)).toEqual(suggestions);
    });
  }
});

describe('ticks, history and suggestions', () => {
  it('stores who ticked what and when, and every step change with its reason', () => {
    const state = run([customer({ heat: 80 }), reply(['feelings-acknowledged', 'thanks-given'], 80, 1)]);
    expect(state.ticks).toEqual([
      { itemId: 'acknowledge-feelings', step: 'initial_contact', by: { kind: 'coach', userId: 'ana' }, at },
      { itemId: 'thank-for-raising', step: 'initial_contact', by: { kind: 'coach', userId: 'ana' }, at },
    ]);
    expect(state.stepHistory).toEqual([
      {
        from: 'initial_contact',
        to: 'listen',
        by: { kind: 'playbook' },
        at,
        reason: 'Initial contact done: acknowledge how they feel in your first lines.',
      },
    ]);
  });

  it('never changes the state it was given', () => {
    const before = initialPlaybookState();
    const frozen = JSON.stringify(before);
    run([customer({ abuse: true }), reply(['feelings-acknowledged'], 90, 1)], before);
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('dismisses a suggestion with a reason and keeps that kind quiet for the rest of the step', () => {
    let state = run([customer({ publicThreat: true })]);
    const id = state.suggestions[0]?.id ?? '';
    state = playbookReducer(state, { type: 'suggestion-dismissed', at, by: 'ana', id, reason: 'Already moved to e-mail' });
    expect(state.suggestions).toEqual([]);
    expect(state.dismissed).toMatchObject([
      { id, kind: 'take-it-private', reason: 'Already moved to e-mail', by: { kind: 'agent', userId: 'ana' } },
    ]);
    state = playbookReducer(state, customer({ publicThreat: true }));
    expect(state.suggestions).toEqual([]);
  });

  it('refuses a dismissal without a reason, and says why', () => {
    const state = run([customer({ abuse: true })]);
    const id = state.suggestions[0]?.id ?? '';
    const event: PlaybookEvent = { type: 'suggestion-dismissed', at, by: 'ana', id, reason: '  ' };
    expect(playbookReducer(state, event)).toBe(state);
    expect(playbookEventProblem(state, event)).toMatch(/why/);
    expect(playbookEventProblem(state, { type: 'item-ticked-by-hand', at, by: 'ana', itemId: 'nope' })).toMatch(
      /no checklist item/,
    );
  });

  it('accepting an escalation suggestion moves to the escalation step', () => {
    let state = run([customer({ abuse: true })]);
    const escalate = state.suggestions.find((suggestion) => suggestion.kind === 'escalate');
    state = playbookReducer(state, { type: 'suggestion-accepted', at, by: 'ana', id: escalate?.id ?? '' });
    expect(state.step).toBe('escalate');
    expect(state.accepted).toHaveLength(1);
  });

  it('does not raise the same suggestion twice while it is open', () => {
    const state = run([customer({ abuse: true }), customer({ abuse: true })]);
    expect(state.suggestions.map((suggestion) => suggestion.kind)).toEqual(['escalate', 'protect-agent']);
  });
});

describe('guidance', () => {
  it('gives the step’s advice when nothing special is going on', () => {
    const guidance = guidanceFor(initialPlaybookState());
    expect(guidance.stepNumber).toBe(1);
    expect(guidance.now).toMatch(/upset/);
    expect(guidance.openItems.map((item) => item.id)).toEqual(['stay-calm', 'acknowledge-feelings', 'thank-for-raising']);
  });

  it('leads with the most pressing situation from the latest analysis', () => {
    const state = run([customer({ heat: 92, abuse: true, publicThreat: true })]);
    const guidance = guidanceFor(state);
    expect(guidance.situations.map((situation) => situation.kind)).toEqual(['abusive-language', 'public-complaint']);
    expect(guidance.now).toMatch(/do not have to take abuse/);
  });

  it('covers every situation in plain words', () => {
    for (const kind of [
      'venting',
      'feels-unheard',
      'public-complaint',
      'abusive-language',
      'demand-beyond-policy',
      'suspected-bad-faith',
    ] as const) {
      const guidance = guidanceFor(initialPlaybookState(), [kind]);
      expect(guidance.situations[0]?.kind).toBe(kind);
      expect(guidance.why.length).toBeGreaterThan(40);
    }
  });
});
