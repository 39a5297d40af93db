import { type PlaybookStepId, playbookStepIds, playbookSteps, stepNumber, stepOfItem } from './steps.ts';

/** Who did something: an agent by hand, the coach (from an agent's sent reply) or the playbook's own rules. */
export interface Actor {
  kind: 'agent' | 'coach' | 'playbook';
  userId?: string;
}

export type HeatTrend = 'rising' | 'falling' | 'steady';

export type SuggestionKind =
  | 'escalate'
  | 'protect-agent'
  | 'take-it-private'
  | 'back-to-listening'
  | 'de-escalation-credited'
  | 'look-for-compromise'
  | 'involve-manager';

export interface Suggestion {
  id: string;
  kind: SuggestionKind;
  /** Why the playbook suggests it, in plain words. */
  reason: string;
  raisedAt: string;
}

export interface Tick {
  itemId: string;
  step: PlaybookStepId;
  by: Actor;
  at: string;
}

export interface StepChange {
  from: PlaybookStepId;
  to: PlaybookStepId;
  by: Actor;
  at: string;
  reason: string;
}

export interface SuggestionOutcome {
  id: string;
  kind: SuggestionKind;
  by: Actor;
  at: string;
  /** The step the conversation was in; a dismissed kind stays quiet for the rest of that step. */
  step: PlaybookStepId;
  /** Why the agent dismissed it (only for dismissals). */
  reason?: string;
}

/** The parts of the latest customer-message analysis the playbook and its guidance use. */
export interface CustomerSignals {
  heat: number;
  trend: HeatTrend;
  abuse: boolean;
  feelsUnheard: boolean;
  intents: readonly string[];
  publicThreat: boolean;
  legalThreat: boolean;
  demandBeyondPolicy?: boolean;
  badFaithSuspected?: boolean;
}

export interface PlaybookState {
  step: PlaybookStepId;
  ticks: Tick[];
  stepHistory: StepChange[];
  suggestions: Suggestion[];
  dismissed: SuggestionOutcome[];
  accepted: SuggestionOutcome[];
  lastSignals: CustomerSignals | null;
  agentReplyCount: number;
  /** Heat when the agent's latest reply went out. */
  heatAtLastReply: number | null;
  /** True between an agent reply and the next customer message. */
  awaitingCustomer: boolean;
  deEscalationCredits: number;
  resolved: boolean;
  nextSuggestionNumber: number;
}

export type PlaybookEvent =
  | ({ type: 'customer-message-analysed'; at: string } & CustomerSignals)
  | {
      type: 'agent-reply-sent';
      at: string;
      by: string;
      practices: readonly string[];
      heatBefore: number | null;
      agentReplyCount: number;
    }
  | { type: 'item-ticked-by-hand'; at: string; by: string; itemId: string }
  | { type: 'item-unticked-by-hand'; at: string; by: string; itemId: string }
  | { type: 'step-changed-by-hand'; at: string; by: string; to: PlaybookStepId; reason?: string }
  | { type: 'suggestion-dismissed'; at: string; by: string; id: string; reason: string }
  | { type: 'suggestion-accepted'; at: string; by: string; id: string }
  | { type: 'conversation-resolved'; at: string; by?: string };

/** Heat has to move by at least this much to count as rising or falling. */
export const heatChangeThreshold = 5;

export function initialPlaybookState(): PlaybookState {
  return {
    step: 'initial_contact',
    ticks: [],
    stepHistory: [],
    suggestions: [],
    dismissed: [],
    accepted: [],
    lastSignals: null,
    agentReplyCount: 0,
    heatAtLastReply: null,
    awaitingCustomer: false,
    deEscalationCredits: 0,
    resolved: false,
    nextSuggestionNumber: 1,
  };
}

export function isTicked(state: PlaybookState, itemId: string): boolean {
  return state.ticks.some((tick) => tick.itemId === itemId);
}

function moveTo(state: PlaybookState, to: PlaybookStepId, by: Actor, at: string, reason: string): PlaybookState {
  if (state.step === to) return state;
  return { ...state, step: to, stepHistory: [...state.stepHistory, { from: state.step, to, by, at, reason }] };
}

function raise(state: PlaybookState, kind: SuggestionKind, reason: string, at: string): PlaybookState {
  if (state.suggestions.some((suggestion) => suggestion.kind === kind)) return state;
  if (state.dismissed.some((outcome) => outcome.kind === kind && outcome.step === state.step)) return state;
  const suggestion: Suggestion = { id: `${kind}-${state.nextSuggestionNumber}`, kind, reason, raisedAt: at };
  return { ...state, suggestions: [...state.suggestions, suggestion], nextSuggestionNumber: state.nextSuggestionNumber + 1 };
}

function withoutKinds(state: PlaybookState, kinds: readonly SuggestionKind[]): PlaybookState {
  const suggestions = state.suggestions.filter((suggestion) => !kinds.includes(suggestion.kind));
  return suggestions.length === state.suggestions.length ? state : { ...state, suggestions };
}

/** Moves forward while the current step's checklist is done (never into Reflect before the conversation is resolved). */
function advance(state: PlaybookState, at: string): PlaybookState {
  let next = state;
  for (let guard = 0; guard < playbookStepIds.length; guard++) {
    const step = playbookSteps[next.step];
    if (!step.next) break;
    if (step.next === 'reflect' && !next.resolved) break;
    const done = step.advanceWhenAnyOf.filter((itemId) => isTicked(next, itemId));
    if (done.length === 0) break;
    const labels = done.map((itemId) => step.checklist.find((item) => item.id === itemId)?.label.toLowerCase() ?? itemId);
    next = moveTo(next, step.next, { kind: 'playbook' }, at, `${step.title} done: ${labels.join('; ')}.`);
  }
  return next;
}

function tick(state: PlaybookState, itemId: string, by: Actor, at: string): PlaybookState {
  const step = stepOfItem(itemId);
  if (!step || isTicked(state, itemId)) return state;
  return { ...state, ticks: [...state.ticks, { itemId, step, by, at }] };
}

function onCustomerMessage(
  state: PlaybookState,
  event: Extract<PlaybookEvent, { type: 'customer-message-analysed' }>,
): PlaybookState {
  const { at, heat } = event;
  const signals: CustomerSignals = {
    heat,
    trend: event.trend,
    abuse: event.abuse,
    feelsUnheard: event.feelsUnheard,
    intents: [...event.intents],
    publicThreat: event.publicThreat,
    legalThreat: event.legalThreat,
    demandBeyondPolicy: event.demandBeyondPolicy ?? false,
    badFaithSuspected: event.badFaithSuspected ?? false,
  };
  let next: PlaybookState = { ...state, lastSignals: signals, awaitingCustomer: false };
  const before = state.heatAtLastReply;
  if (state.awaitingCustomer && before !== null) {
    if (heat <= before - heatChangeThreshold) {
      next = raise(
        { ...next, deEscalationCredits: next.deEscalationCredits + 1 },
        'de-escalation-credited',
        `Heat fell from ${Math.round(before)} to ${Math.round(heat)} after your reply. Whatever you did there worked.`,
        at,
      );
    } else if (state.agentReplyCount >= 2 && (heat >= before + heatChangeThreshold || event.trend === 'rising')) {
      next = raise(
        next,
        'escalate',
        `Heat is still rising (${Math.round(before)} → ${Math.round(heat)}) after ${state.agentReplyCount} replies. A senior colleague with more authority often breaks the loop.`,
        at,
      );
    }
  }
  if (event.abuse) {
    next = raise(
      next,
      'escalate',
      'The customer used abusive language. You do not have to take abuse: hand this to a manager.',
      at,
    );
    next = raise(
      next,
      'protect-agent',
      'Abusive language is aimed at you. Set a calm boundary, take a break if you need one, and let a manager take over.',
      at,
    );
  }
  if (event.legalThreat) {
    next = raise(
      next,
      'escalate',
      'The customer mentions legal action or an authority. Involve a manager before you promise anything.',
      at,
    );
  }
  if (event.publicThreat) {
    next = raise(
      next,
      'take-it-private',
      'The complaint is public or about to be. Reply briefly and kindly in public, then move the details to a private channel and involve a senior.',
      at,
    );
  }
  if (event.demandBeyondPolicy) {
    next = raise(
      next,
      'look-for-compromise',
      'They ask for more than policy allows. Look for something you can offer instead: a partial refund, a credit, priority handling.',
      at,
    );
  }
  if (event.badFaithSuspected) {
    next = raise(
      next,
      'involve-manager',
      'Something here does not add up. Stay factual, write everything down and involve a manager.',
      at,
    );
  }
  if (event.feelsUnheard) {
    next = raise(
      next,
      'back-to-listening',
      'They repeated their complaint, so they do not feel heard yet. Go back to listening: restate their concern in their own words.',
      at,
    );
    if (stepNumber(next.step) > stepNumber('listen') && next.step !== 'reflect') {
      next = moveTo(next, 'listen', { kind: 'playbook' }, at, 'The customer repeated their complaint: back to listening.');
    }
  }
  return next;
}

function onAgentReply(state: PlaybookState, event: Extract<PlaybookEvent, { type: 'agent-reply-sent' }>): PlaybookState {
  let next: PlaybookState = {
    ...state,
    agentReplyCount: Math.max(state.agentReplyCount + 1, event.agentReplyCount),
    heatAtLastReply: event.heatBefore ?? state.lastSignals?.heat ?? state.heatAtLastReply,
    awaitingCustomer: true,
  };
  next = withoutKinds(next, ['de-escalation-credited']);
  const practices = new Set(event.practices);
  const by: Actor = { kind: 'coach', userId: event.by };
  for (const stepId of playbookStepIds) {
    for (const item of playbookSteps[stepId].checklist) {
      if (item.autoPractice && practices.has(item.autoPractice)) next = tick(next, item.id, by, event.at);
    }
  }
  if (practices.has('concern-restated')) next = withoutKinds(next, ['back-to-listening']);
  return advance(next, event.at);
}

/**
 * The playbook as a pure state machine: every event returns a new state (the old one is never
 * changed). Events that do not apply (an unknown item or suggestion, a dismissal without a reason)
 * return the state unchanged; `playbookEventProblem` says why, for the API to report.
 */
export function playbookReducer(state: PlaybookState, event: PlaybookEvent): PlaybookState {
  switch (event.type) {
    case 'customer-message-analysed':
      return onCustomerMessage(state, event);
    case 'agent-reply-sent':
      return onAgentReply(state, event);
    case 'item-ticked-by-hand': {
      const ticked = tick(state, event.itemId, { kind: 'agent', userId: event.by }, event.at);
      return ticked === state ? state : advance(ticked, event.at);
    }
    case 'item-unticked-by-hand': {
      if (!isTicked(state, event.itemId)) return state;
      return { ...state, ticks: state.ticks.filter((each) => each.itemId !== event.itemId) };
    }
    case 'step-changed-by-hand':
      if (!(playbookStepIds as readonly string[]).includes(event.to)) return state;
      return moveTo(state, event.to, { kind: 'agent', userId: event.by }, event.at, event.reason?.trim() || 'Changed by hand.');
    case 'suggestion-dismissed': {
      const suggestion = state.suggestions.find((each) => each.id === event.id);
      if (!suggestion || event.reason.trim() === '') return state;
      return {
        ...state,
        suggestions: state.suggestions.filter((each) => each.id !== event.id),
        dismissed: [
          ...state.dismissed,
          {
            id: suggestion.id,
            kind: suggestion.kind,
            by: { kind: 'agent', userId: event.by },
            at: event.at,
            step: state.step,
            reason: event.reason.trim(),
          },
        ],
      };
    }
    case 'suggestion-accepted': {
      const suggestion = state.suggestions.find((each) => each.id === event.id);
      if (!suggestion) return state;
      const by: Actor = { kind: 'agent', userId: event.by };
      let next: PlaybookState = {
        ...state,
        suggestions: state.suggestions.filter((each) => each.id !== event.id),
        accepted: [...state.accepted, { id: suggestion.id, kind: suggestion.kind, by, at: event.at, step: state.step }],
      };
      if (suggestion.kind === 'escalate' || suggestion.kind === 'involve-manager') {
        next = moveTo(next, 'escalate', by, event.at, 'Escalation suggested by the playbook and accepted.');
      } else if (suggestion.kind === 'back-to-listening') {
        next = moveTo(next, 'listen', by, event.at, 'Back to listening, suggested by the playbook and accepted.');
      }
      return next;
    }
    case 'conversation-resolved': {
      const by: Actor = event.by ? { kind: 'agent', userId: event.by } : { kind: 'playbook' };
      let next: PlaybookState = { ...state, resolved: true, suggestions: [] };
      if (stepNumber(next.step) < stepNumber('follow_up')) {
        next = moveTo(next, 'follow_up', by, event.at, 'The conversation was resolved: time to follow up.');
      }
      return advance(next, event.at);
    }
    default:
      return state;
  }
}

/** Why an event would change nothing, in plain words; null when it applies. */
export function playbookEventProblem(state: PlaybookState, event: PlaybookEvent): string | null {
  switch (event.type) {
    case 'item-ticked-by-hand':
    case 'item-unticked-by-hand':
      return stepOfItem(event.itemId) ? null : `There is no checklist item "${event.itemId}".`;
    case 'step-changed-by-hand':
      return (playbookStepIds as readonly string[]).includes(event.to) ? null : `There is no step "${event.to}".`;
    case 'suggestion-dismissed':
      if (!state.suggestions.some((each) => each.id === event.id)) return `There is no open suggestion "${event.id}".`;
      return event.reason.trim() === '' ? 'Say briefly why you are dismissing the suggestion.' : null;
    case 'suggestion-accepted':
      return state.suggestions.some((each) => each.id === event.id) ? null : `There is no open suggestion "${event.id}".`;
    default:
      return null;
  }
}
