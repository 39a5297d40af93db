/**
 * Good practice the coach recognises in a reply; the same ids tick the playbook checklist.
 * Owned here (pure, no imports) so the coach depends on the playbook and never the other way.
 */
export type PracticeId =
  | 'feelings-acknowledged'
  | 'concern-restated'
  | 'clarifying-question'
  | 'reassurance-given'
  | 'apology-owned'
  | 'next-step-with-time'
  | 'thanks-given'
  | 'boundary-set'
  | 'escalation-explained'
  | 'resolution-checked'
  | 'feedback-asked';

export const practiceIds: readonly PracticeId[] = [
  'feelings-acknowledged',
  'concern-restated',
  'clarifying-question',
  'reassurance-given',
  'apology-owned',
  'next-step-with-time',
  'thanks-given',
  'boundary-set',
  'escalation-explained',
  'resolution-checked',
  'feedback-asked',
];
