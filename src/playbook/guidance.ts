import { type CustomerSignals, isTicked, type PlaybookState } from './playbook-reducer.ts';
import { type ChecklistItem, type PlaybookStepId, playbookSteps } from './steps.ts';

export type SituationKind =
  | 'abusive-language'
  | 'suspected-bad-faith'
  | 'public-complaint'
  | 'feels-unheard'
  | 'demand-beyond-policy'
  | 'venting';

/** Most pressing first: this is the order guidance is shown in. */
export const situationKinds: readonly SituationKind[] = [
  'abusive-language',
  'suspected-bad-faith',
  'public-complaint',
  'feels-unheard',
  'demand-beyond-policy',
  'venting',
];

export interface GuidanceBlock {
  title: string;
  /** What to do now, in one sentence. */
  now: string;
  /** Why it works. */
  why: string;
  doNext: readonly string[];
  avoid: readonly string[];
}

export interface SituationGuidance extends GuidanceBlock {
  kind: SituationKind;
}

export interface Guidance extends GuidanceBlock {
  step: PlaybookStepId;
  stepNumber: number;
  /** Checklist items of the current step not yet ticked. */
  openItems: ChecklistItem[];
  /** The situations that apply, most pressing first; the headline (`now`, `why`) comes from the first. */
  situations: SituationGuidance[];
}

const stepGuidance: Readonly<Record<PlaybookStepId, GuidanceBlock>> = {
  initial_contact: {
    title: 'Start by acknowledging how they feel',
    now: 'Before any facts, tell them you can see why they are upset.',
    why: 'People cannot hear a solution until they feel their frustration has been noticed. One honest sentence about how they feel lowers the temperature more than any explanation.',
    doNext: [
      'Read their message once for the problem, not the tone.',
      'Open with how they feel: "I can see how frustrating this has been."',
      'Thank them for telling you.',
    ],
    avoid: ['Starting with policy or an explanation.', 'Matching their tone.'],
  },
  listen: {
    title: 'Listen, then say it back',
    now: 'Let them say everything, then repeat their concern back in their own words.',
    why: 'Restating shows you understood and often reveals what they actually need. It also catches misunderstandings before you act on them.',
    doNext: [
      'Ask one clear question about anything you are not sure of.',
      'Repeat the concern back: "Just to make sure I have understood: …"',
      'Note the details (order, amounts, dates) on the customer record.',
    ],
    avoid: ['Interrupting or correcting them while they explain.', 'Jumping to a solution before they agree you understood.'],
  },
  de_escalate: {
    title: 'Reassure them you are on their side',
    now: 'Tell them you will work on this together, and own any mistake that is ours.',
    why: 'When the customer feels you are on their side, it stops being a fight. A sincere apology for what went wrong does more than any concession.',
    doNext: [
      'Say it plainly: "Let\'s sort this out together."',
      'If we got it wrong, say so: "That was our mistake, and I\'m sorry."',
      'Keep your sentences short and your tone even.',
    ],
    avoid: [
      'Getting defensive or explaining why it was not our fault.',
      'Apologising for their feelings instead of for what happened.',
    ],
  },
  resolve: {
    title: 'Offer a solution and say exactly what happens when',
    now: 'Propose a solution within policy and tell them what happens next, by when.',
    why: 'A clear plan with a date gives the customer something to hold on to. Vague answers like "soon" invite another angry message.',
    doNext: [
      'Offer the solution that fits their need and our policy.',
      'Say what happens and when: "I\'ll refund 1,249.00 by Thursday, 17:00 your time."',
      'Check they understand and agree.',
    ],
    avoid: ['"Soon", "ASAP" or any time you cannot keep.', 'Promising what is not in your hands.'],
  },
  escalate: {
    title: 'Hand over so they never repeat themselves',
    now: 'Brief the manager fully and tell the customer who takes it on and when they will hear.',
    why: 'An escalation only helps if the next person knows everything. Customers who have to repeat their story get angrier.',
    doNext: [
      'Write the brief: what they want, what was tried, what you promised.',
      'Tell the customer the name of the person taking over and when they will be in touch.',
      'If they were abusive, set a calm boundary: you are still willing to help.',
    ],
    avoid: ['Escalating silently.', 'Blaming the customer in the handover note.'],
  },
  follow_up: {
    title: 'Check it is really solved',
    now: 'Confirm with the customer that the problem is solved and ask how it went.',
    why: 'A follow-up turns a fixed problem into trust. Customers remember that you came back without being asked.',
    doNext: [
      'Ask whether the fix worked or the money arrived.',
      'Ask for their feedback.',
      'Note the outcome on the customer record.',
    ],
    avoid: ['Assuming silence means satisfied.'],
  },
  reflect: {
    title: 'Look back while it is fresh',
    now: 'Note what went well and one thing you would do differently.',
    why: 'Hard conversations are the best training material. A minute of reflection makes the next one easier, for you and for the team.',
    doNext: ['Write down what worked.', 'Write down one thing to change.', 'If it was hard, talk it through with your lead.'],
    avoid: ['Taking it personally. It was not about you.'],
  },
};

const situationGuidance: Readonly<Record<SituationKind, GuidanceBlock>> = {
  'abusive-language': {
    title: 'Abusive language: set a boundary and escalate',
    now: 'Set a calm boundary and hand the conversation to a manager. You do not have to take abuse.',
    why: 'Frustration is normal; abuse aimed at you is not acceptable. A calm boundary keeps the door open to help, and a manager takes the weight off you.',
    doNext: [
      'Say it once, calmly: "I want to help, and I need us to keep this respectful."',
      'Escalate to a manager and note what was said.',
      'Take a short break before your next conversation if you need one.',
    ],
    avoid: ['Answering in kind.', 'Carrying on as if nothing happened.', 'Taking it personally.'],
  },
  'suspected-bad-faith': {
    title: 'Something does not add up: stay factual',
    now: 'Stay factual, write everything down and involve a manager.',
    why: 'Most difficult customers have a real problem; a few do not. Facts and records protect the customer, you and the company whichever it turns out to be.',
    doNext: [
      'Reply only with what you can confirm.',
      'Record dates, amounts and what was said.',
      'Ask a manager to look before you offer anything.',
    ],
    avoid: ['Accusing the customer.', 'Offering concessions to make it go away.'],
  },
  'public-complaint': {
    title: 'Public complaint: take it private',
    now: 'Reply briefly and kindly where they posted, then move the details to a private channel and involve a senior.',
    why: 'A public conversation plays to the audience. Others judge us by the calm first reply; the details belong in private, where you can solve them.',
    doNext: [
      'Post one short, warm reply: sorry, and that you will contact them directly.',
      'Continue by e-mail or phone with the details.',
      'Tell a senior colleague.',
    ],
    avoid: ['Arguing the facts in public.', 'Sharing any personal or order details in public.'],
  },
  'feels-unheard': {
    title: 'They feel unheard: restate their words',
    now: 'Go back to listening and repeat their concern back in their own words before anything else.',
    why: 'A complaint repeated means the last reply missed what mattered to them. Until they hear their own point back, nothing else will land.',
    doNext: [
      'Use their words: "You\'ve told us twice now that …, and you\'re right to expect better."',
      'Ask what would put it right for them.',
    ],
    avoid: ['Sending the same answer again.', '"As I already said."'],
  },
  'demand-beyond-policy': {
    title: 'Demand beyond policy: look for a compromise',
    now: 'Say honestly what you cannot do, and offer the best thing you can.',
    why: 'A flat no ends the conversation; a no with an alternative keeps it going. Customers often accept a fair compromise when they feel taken seriously.',
    doNext: [
      'Acknowledge what they asked for.',
      'Offer an alternative: a partial refund, a credit, priority handling, or an early heads-up on changes.',
      'If it is above your limit, ask a manager for approval.',
    ],
    avoid: ['Hiding behind "it\'s policy".', 'Promising what you cannot approve.'],
  },
  venting: {
    title: 'They are venting: let them',
    now: 'Let them get it all out. Do not interrupt and do not argue.',
    why: 'Venting is how people let go of frustration. Once it is out, most customers calm down on their own, and you will know what really matters to them.',
    doNext: [
      'Acknowledge the feeling in a sentence.',
      'Pick out the actual problem and note it.',
      'Answer the problem, not the tone.',
    ],
    avoid: ['Correcting details while they are upset.', '"Calm down."'],
  },
};

/** The situations the latest customer message points to. */
export function situationsFromSignals(signals: CustomerSignals | null): SituationKind[] {
  if (!signals) return [];
  const found = new Set<SituationKind>();
  if (signals.abuse) found.add('abusive-language');
  if (signals.badFaithSuspected) found.add('suspected-bad-faith');
  if (signals.publicThreat) found.add('public-complaint');
  if (signals.feelsUnheard) found.add('feels-unheard');
  if (signals.demandBeyondPolicy) found.add('demand-beyond-policy');
  if (signals.heat >= 60 && !signals.abuse) found.add('venting');
  return situationKinds.filter((kind) => found.has(kind));
}

/**
 * What to do now and why, for the guidance panel: the current step's advice, led by the most
 * pressing situation when there is one. `situations` defaults to what the latest analysis shows.
 */
export function guidanceFor(state: PlaybookState, situations?: readonly SituationKind[]): Guidance {
  const step = playbookSteps[state.step];
  const base = stepGuidance[state.step];
  const kinds = situations
    ? situationKinds.filter((kind) => situations.includes(kind))
    : situationsFromSignals(state.lastSignals);
  const blocks = kinds.map((kind) => ({ kind, ...situationGuidance[kind] }));
  const lead = blocks[0];
  return {
    step: state.step,
    stepNumber: step.number,
    title: lead ? lead.title : base.title,
    now: lead ? lead.now : base.now,
    why: lead ? lead.why : base.why,
    doNext: base.doNext,
    avoid: base.avoid,
    openItems: step.checklist.filter((item) => !isTicked(state, item.id)),
    situations: blocks,
  };
}
