import type { PlaybookStepId, PracticeId } from '../playbook/index.ts';

// The practice ids are the playbook's checklist vocabulary; the coach recognises them in drafts.
export { type PracticeId, practiceIds } from '../playbook/index.ts';

export type Severity = 'info' | 'warning' | 'problem';

/** Everything the coach can flag in a draft. */
export type FindingKind =
  | 'blame'
  | 'arguing'
  | 'excuse'
  | 'condescension'
  | 'vague-promise'
  | 'absolute-promise'
  | 'jargon'
  | 'shouting'
  | 'sarcasm'
  | 'missing-acknowledgement'
  | 'missing-next-step'
  | 'wrong-currency'
  | 'unchanged-template'
  | 'unfilled-placeholder';

export interface ReplyContext {
  /** The customer's current heat, 0–100, from the analysis. */
  customerHeat?: number;
  /** ISO 639-1 */
  customerLanguage?: string;
  /** ISO 4217 */
  customerCurrency?: string;
  customerName?: string;
  lastCustomerMessage?: string;
  /** The script text as inserted into the composer, to notice when it goes out unchanged. */
  insertedTemplate?: string;
  step?: PlaybookStepId;
  /** "Now" (ISO-8601 or epoch ms), only used to word a dated commitment in suggestions. */
  now?: string | number;
  /** IANA zone of the customer, for the dated commitment in suggestions. */
  customerTimeZone?: string;
}

/** Spans are UTF-16 offsets into the draft, `end` exclusive. */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  start: number;
  end: number;
  text: string;
  message: string;
  suggestion: string;
}

export interface Strength {
  practice: PracticeId;
  start: number;
  end: number;
  text: string;
  message: string;
}

export type RubricDimension = 'empathy' | 'ownership' | 'clarity' | 'professionalism' | 'resolution';

export interface DimensionScore {
  score: number;
  reasons: string[];
}

export type RubricScores = Record<RubricDimension, DimensionScore>;

export interface ReplyReview {
  findings: Finding[];
  strengths: Strength[];
  practices: PracticeId[];
  scores: RubricScores;
  /** The language the coach read the draft in (ISO 639-1), or null when it could not tell. */
  language: string | null;
}
