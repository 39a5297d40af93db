import { readFileSync } from 'node:fs';
import type { LexiconMatch } from '../domain/lexicon.ts';
import type { Token } from '../domain/normalize.ts';
import { extractFeatures } from './features.ts';
import { BINARY_HEADS, type BinaryHead, BUCKETS, CATEGORY_NAMES, CATEGORY_OFFSET, HEAD_COUNT } from './heads.ts';
import type { ReaderWeights } from './reader.ts';

/**
 * The trained linear model. Weights live in `weights/model.bin` (written by `npm run train`):
 *   uint32 LE header length, UTF-8 JSON header (ModelHeader), then BUCKETS × HEAD_COUNT int8 weights
 *   (bucket-major, so one feature touches one contiguous row). Weight = int8 × scale[head].
 * The file is read once when this module is first imported — the only I/O in src/analysis — and never written.
 */

export interface ModelHeader {
  format: 1;
  buckets: number;
  heads: string[];
  scales: number[];
  biases: number[];
  /** Decision thresholds on the probability, tuned on dev/validation splits only. */
  thresholds: Record<BinaryHead, number>;
  trainedOn: Record<string, number>;
  /** Languages whose labelled text the model learned from: elsewhere the reader judges by the lexicons alone. */
  languages?: string[];
  /** The dissatisfaction reader (absent while `npm run train` fits it). */
  reader?: ReaderWeights;
}

export interface LoadedModel {
  header: ModelHeader;
  weights: Int8Array;
}

export const MODEL_FILE = new URL('./weights/model.bin', import.meta.url);

export function decodeModel(bytes: Uint8Array): LoadedModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as ModelHeader;
  if (header.buckets !== BUCKETS || header.heads.length !== HEAD_COUNT) {
    throw new Error('analysis model weights do not match the code (run npm run train)');
  }
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset + 4 + headerLength, BUCKETS * HEAD_COUNT);
  return { header, weights };
}

export function encodeModel(header: ModelHeader, weights: Int8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.length + weights.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(new Uint8Array(weights.buffer, weights.byteOffset, weights.length), 4 + json.length);
  return out;
}

let loaded: LoadedModel | null = null;

export function getModel(): LoadedModel {
  if (loaded === null) loaded = decodeModel(readFileSync(MODEL_FILE));
  return loaded;
}

/** Training and evaluation scripts only: analyse with a model held in memory (null: back to the shipped file). */
export function installModel(model: LoadedModel | null): void {
  loaded = model;
}

export interface ModelScores {
  /** Probability per binary head, in BINARY_HEADS order. */
  binary: Float64Array;
  /** Softmax over CATEGORY_NAMES. */
  category: Float64Array;
}

// Module-local copies: imported bindings are live (getter) reads under some loaders, too slow for the inner loop.
const HEADS = HEAD_COUNT;
const BINARY = BINARY_HEADS.length;
const CATEGORIES = CATEGORY_NAMES.length;
const CATEGORY_START = CATEGORY_OFFSET;
/** The head count the unrolled scoring loop below is written for (any other count takes the generic loop). */
const UNROLLED_HEADS = 19;
const FEATURE_CAPACITY = 8192;
const featureBuffer = new Int32Array(FEATURE_CAPACITY);
const accumulator = new Int32Array(HEADS);
const sharedScores: ModelScores = { binary: new Float64Array(BINARY), category: new Float64Array(CATEGORIES) };

/**
 * Scores one message. The returned arrays are reused by the next call (copy them to keep them).
 * `lexiconTokens` / `matches` are the lexicon's view of the same text (their hits are model features).
 */
export function scoreTokens(
  text: string,
  tokens: readonly Token[],
  lexiconTokens: readonly Token[],
  matches: readonly LexiconMatch[],
  model: LoadedModel = getModel(),
): ModelScores {
  const count = extractFeatures(text, tokens, featureBuffer, lexiconTokens, matches);
  const weights = model.weights;
  const header = model.header;
  const acc = accumulator;
  const features = featureBuffer;
  if (HEADS === UNROLLED_HEADS) {
    // Hot loop: one contiguous row of int8 weights per feature, summed in locals (registers), not in memory.
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0,
      a4 = 0,
      a5 = 0,
      a6 = 0,
      a7 = 0,
      a8 = 0,
      a9 = 0,
      a10 = 0,
      a11 = 0,
      a12 = 0,
      a13 = 0,
      a14 = 0,
      a15 = 0,
      a16 = 0,
      a17 = 0,
      a18 = 0;
    for (let f = 0; f < count; f += 1) {
      const base = (features[f] as number) * 19;
      a0 += weights[base + 0] as number;
      a1 += weights[base + 1] as number;
      a2 += weights[base + 2] as number;
      a3 += weights[base + 3] as number;
      a4 += weights[base + 4] as number;
      a5 += weights[base + 5] as number;
      a6 += weights[base + 6] as number;
      a7 += weights[base + 7] as number;
      a8 += weights[base + 8] as number;
      a9 += weights[base + 9] as number;
      a10 += weights[base + 10] as number;
      a11 += weights[base + 11] as number;
      a12 += weights[base + 12] as number;
      a13 += weights[base + 13] as number;
      a14 += weights[base + 14] as number;
      a15 += weights[base + 15] as number;
      a16 += weights[base + 16] as number;
      a17 += weights[base + 17] as number;
      a18 += weights[base + 18] as number;
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    acc[4] = a4;
    acc[5] = a5;
    acc[6] = a6;
    acc[7] = a7;
    acc[8] = a8;
    acc[9] = a9;
    acc[10] = a10;
    acc[11] = a11;
    acc[12] = a12;
    acc[13] = a13;
    acc[14] = a14;
    acc[15] = a15;
    acc[16] = a16;
    acc[17] = a17;
    acc[18] = a18;
  } else {
    acc.fill(0);
    for (let f = 0; f < count; f += 1) {
      const base = (features[f] as number) * HEADS;
      for (let k = 0; k < HEADS; k += 1) acc[k] = (acc[k] as number) + (weights[base + k] as number);
    }
  }
  const norm = 1 / Math.sqrt(count);
  const { binary, category } = sharedScores;
  const biases = header.biases;
  const scales = header.scales;
  for (let k = 0; k < BINARY; k += 1) {
    const z = (biases[k] as number) + (acc[k] as number) * (scales[k] as number) * norm;
    binary[k] = 1 / (1 + Math.exp(-z));
  }
  let maxZ = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < CATEGORIES; c += 1) {
    const k = CATEGORY_START + c;
    const z = (biases[k] as number) + (acc[k] as number) * (scales[k] as number) * norm;
    category[c] = z;
    if (z > maxZ) maxZ = z;
  }
  let sum = 0;
  for (let c = 0; c < CATEGORIES; c += 1) {
    const e = Math.exp((category[c] as number) - maxZ);
    category[c] = e;
    sum += e;
  }
  for (let c = 0; c < CATEGORIES; c += 1) category[c] = (category[c] as number) / sum;
  return sharedScores;
}
