/**
 * Lexicon format (all lexicons are written by the Defuse team; none is copied from a package or website).
 * A phrase is space-separated tokens; `word*` matches any word starting with `word`; `=0.6` at the end sets the
 * weight (default 1). Phrases are normalised with the same folding as messages (case, accents, ß → ss …), so they
 * may be written with their natural spelling.
 */
export type LexiconSignal =
  | 'emotions.anger'
  | 'emotions.frustration'
  | 'emotions.disappointment'
  | 'emotions.anxiety'
  | 'emotions.satisfaction'
  | 'complaint'
  | 'abuse.profanity'
  | 'abuse.insult'
  | 'abuse.insult_adjective'
  | 'abuse.threat'
  | 'abuse.harassment'
  | 'abuse.slur'
  | 'intents.refund'
  | 'intents.compensation'
  | 'intents.cancellation'
  | 'intents.legal_threat'
  | 'intents.public_shaming'
  | 'intents.manager_request'
  | 'intents.repeat_contact'
  | 'category.billing'
  | 'category.delivery'
  | 'category.product_defect'
  | 'category.account_access'
  | 'category.service_quality'
  | 'category.technical'
  | 'polarity.negative'
  | 'polarity.positive'
  | 'modifier.target'
  | 'modifier.negator'
  | 'modifier.intensifier'
  | 'modifier.diminisher'
  | 'modifier.contrast';

export interface LanguageLexicon {
  code: 'en' | 'de' | 'fr' | 'es' | 'ro';
  /** Frequent function words used for language identification. */
  stopwords: string[];
  phrases: Partial<Record<LexiconSignal, string[]>>;
}
