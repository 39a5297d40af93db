import type { PracticeId } from './practices.ts';

export const playbookStepIds = [
  'initial_contact',
  'listen',
  'de_escalate',
  'resolve',
  'escalate',
  'follow_up',
  'reflect',
] as const;
export type PlaybookStepId = (typeof playbookStepIds)[number];

export interface ChecklistItem {
  id: string;
  /** What the agent does, in plain words. */
  label: string;
  /** The coach practice that ticks this item when it shows up in a sent reply; absent = ticked by hand. */
  autoPractice?: PracticeId;
}

export interface PlaybookStep {
  id: PlaybookStepId;
  number: number;
  title: string;
  /** One line on the point of the step. */
  purpose: string;
  checklist: readonly ChecklistItem[];
  /** Ticking any of these (by the coach or by hand) moves the conversation on to `next`. */
  advanceWhenAnyOf: readonly string[];
  next: PlaybookStepId | null;
}

export const playbookSteps: Readonly<Record<PlaybookStepId, PlaybookStep>> = {
  initial_contact: {
    id: 'initial_contact',
    number: 1,
    title: 'Initial contact',
    purpose: 'Stay calm and show the customer you see how they feel before anything else.',
    checklist: [
      { id: 'stay-calm', label: 'Read the message once for the problem, not the tone, before you reply' },
      {
        id: 'acknowledge-feelings',
        label: 'Acknowledge how they feel in your first lines',
        autoPractice: 'feelings-acknowledged',
      },
      { id: 'thank-for-raising', label: 'Thank them for telling you', autoPractice: 'thanks-given' },
    ],
    advanceWhenAnyOf: ['acknowledge-feelings'],
    next: 'listen',
  },
  listen: {
    id: 'listen',
    number: 2,
    title: 'Listen actively',
    purpose: 'Let them say everything, then make sure you have understood it exactly.',
    checklist: [
      { id: 'let-them-vent', label: 'Let them finish without interrupting or correcting' },
      { id: 'ask-clarifying-question', label: 'Ask a question to fill in what is missing', autoPractice: 'clarifying-question' },
      { id: 'restate-concern', label: 'Repeat their concern back in their own terms', autoPractice: 'concern-restated' },
    ],
    advanceWhenAnyOf: ['restate-concern'],
    next: 'de_escalate',
  },
  de_escalate: {
    id: 'de_escalate',
    number: 3,
    title: 'De-escalate',
    purpose: 'Stay patient and make it clear you are on their side.',
    checklist: [
      { id: 'stay-patient', label: 'Keep your tone calm and steady, whatever their tone' },
      { id: 'offer-reassurance', label: 'Reassure them you will work on this together', autoPractice: 'reassurance-given' },
      { id: 'own-the-mistake', label: 'If we got it wrong, say so and apologise for it', autoPractice: 'apology-owned' },
    ],
    advanceWhenAnyOf: ['offer-reassurance', 'own-the-mistake'],
    next: 'resolve',
  },
  resolve: {
    id: 'resolve',
    number: 4,
    title: 'Resolve',
    purpose: 'Offer a solution within policy and explain exactly what happens and when.',
    checklist: [
      { id: 'solution-within-policy', label: 'Choose a solution that fits policy and what they need' },
      { id: 'explain-what-and-when', label: 'Explain what happens next and when', autoPractice: 'next-step-with-time' },
      { id: 'check-understanding', label: 'Check they understand and agree with the plan' },
    ],
    advanceWhenAnyOf: ['explain-what-and-when'],
    next: 'follow_up',
  },
  escalate: {
    id: 'escalate',
    number: 5,
    title: 'Escalate',
    purpose: 'Bring in someone with more authority, with a full brief, so the customer never repeats themselves.',
    checklist: [
      { id: 'brief-the-senior', label: 'Brief the manager: the concern, what was tried, what they want' },
      {
        id: 'tell-customer-who-and-when',
        label: 'Tell the customer who takes it on and when they will hear',
        autoPractice: 'escalation-explained',
      },
      { id: 'set-boundary', label: 'If they are abusive, set a calm boundary', autoPractice: 'boundary-set' },
    ],
    advanceWhenAnyOf: ['tell-customer-who-and-when'],
    next: 'follow_up',
  },
  follow_up: {
    id: 'follow_up',
    number: 6,
    title: 'Follow up',
    purpose: 'Confirm the problem is really solved and ask how it went.',
    checklist: [
      { id: 'confirm-resolution', label: 'Check with them that it is solved', autoPractice: 'resolution-checked' },
      { id: 'gather-feedback', label: 'Ask for their feedback', autoPractice: 'feedback-asked' },
      { id: 'document', label: 'Note what happened and what was agreed on the customer record' },
    ],
    advanceWhenAnyOf: ['confirm-resolution', 'gather-feedback'],
    next: 'reflect',
  },
  reflect: {
    id: 'reflect',
    number: 7,
    title: 'Reflect',
    purpose: 'Look back: what went well, what to do differently next time.',
    checklist: [
      { id: 'what-went-well', label: 'Note what went well' },
      { id: 'what-to-improve', label: 'Note one thing to do differently' },
      { id: 'share-with-lead', label: 'Talk it through with your lead if it was a hard one' },
    ],
    advanceWhenAnyOf: [],
    next: null,
  },
};

export function stepNumber(step: PlaybookStepId): number {
  return playbookSteps[step].number;
}

/** The step a checklist item belongs to, or null for an unknown id. */
export function stepOfItem(itemId: string): PlaybookStepId | null {
  for (const id of playbookStepIds) {
    if (playbookSteps[id].checklist.some((item) => item.id === itemId)) return id;
  }
  return null;
}
