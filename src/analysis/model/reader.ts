/**
 * The dissatisfaction reader: a small logistic model over language-neutral evidence (the hashed model's negative
 * and complaint heads, our polarity, verdict, emotion, abuse and intent lexicons in five languages, shape and emoji).
 * The hashed model knows the words of the languages it was trained on; the reader decides how far to trust each kind
 * of evidence, so that a German or French message is judged by the same rule as an English one. Its weights and its
 * decision threshold (chosen on sources held out from its training) are stored in the model file header.
 */

export const READER_FEATURES = [
  /** logit of the hashed model's negative head, where the model has seen the language (English, Romanian) */
  'model.negative.known',
  /** 1 for every other language: the model's word features mean little there, so the reader judges by the lexicons
   * alone, with its own bias (learned from copies of the training rows with the model's features removed) */
  'model.absent',
  'model.complaint',
  'polarity.negative',
  'polarity.negative.count',
  'polarity.positive',
  'polarity.positive.count',
  /** negative minus positive polarity, per word (how much of the message is negative) */
  'polarity.balance',
  'verdict',
  'emotion.negative',
  'emotion.satisfaction',
  'abuse',
  'profanity',
  'intents.dissatisfied',
  'intents.request',
  'shouting',
  'bursts',
  'emoji.negative',
  'emoji.positive',
  'contrast',
  'negations',
  'question',
] as const;

export type ReaderFeature = (typeof READER_FEATURES)[number];
export const READER_SIZE = READER_FEATURES.length;

export interface ReaderWeights {
  features: string[];
  weights: number[];
  bias: number;
  /** probability at which `complaint.detected` turns true (calibrated to 0.5 in the output) */
  threshold: number;
  /** the same for messages read by the lexicons alone (`model.absent`), chosen on held-out sources too */
  thresholdWithoutModel?: number;
}

/** Probability that the customer is dissatisfied, from the reader features. */
export function readerProbability(x: Float64Array, reader: ReaderWeights): number {
  let z = reader.bias;
  const w = reader.weights;
  for (let k = 0; k < READER_SIZE; k += 1) z += (w[k] as number) * (x[k] as number);
  return 1 / (1 + Math.exp(-z));
}

export function logit(p: number): number {
  const q = Math.min(0.999, Math.max(0.001, p));
  return Math.log(q / (1 - q));
}
