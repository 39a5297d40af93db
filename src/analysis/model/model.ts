import { readFileSync } from 'node:fs';
import type { Token } from '../domain/normalize.ts';
import { extractFeatures } from './features.ts';
import { BINARY_HEADS, type BinaryHead, BUCKETS, CATEGORY_NAMES, CATEGORY_OFFSET, HEAD_COUNT } from './heads.ts';

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

export interface ModelScores {
  /** Probability per binary head, in BINARY_HEADS order. */
  binary: Float64Array;
  /** Softmax over CATEGORY_NAMES. */
  category: Float64Array;
}

const FEATURE_CAPACITY = 8192;
const featureBuffer = new Int32Array(FEATURE_CAPACITY);
const accumulator = new Float64Array(HEAD_COUNT);

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function scoreTokens(text: string, tokens: readonly Token[], model: LoadedModel = getModel()): ModelScores {
  const count = extractFeatures(text, tokens, featureBuffer);
  const { weights, header } = model;
  accumulator.fill(0);
  const acc = accumulator;
  for (let f = 0; f < count; f += 1) {
    const base = (featureBuffer[f] as number) * HEAD_COUNT;
    for (let k = 0; k < HEAD_COUNT; k += 1) acc[k] = (acc[k] as number) + (weights[base + k] as number);
  }
  const norm = 1 / Math.sqrt(count);
  const binary = new Float64Array(BINARY_HEADS.length);
  for (let k = 0; k < BINARY_HEADS.length; k += 1) {
    const z = (header.biases[k] as number) + (accumulator[k] as number) * (header.scales[k] as number) * norm;
    binary[k] = sigmoid(z);
  }
  const category = new Float64Array(CATEGORY_NAMES.length);
  let maxZ = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < CATEGORY_NAMES.length; c += 1) {
    const k = CATEGORY_OFFSET + c;
    const z = (header.biases[k] as number) + (accumulator[k] as number) * (header.scales[k] as number) * norm;
    category[c] = z;
    if (z > maxZ) maxZ = z;
  }
  let sum = 0;
  for (let c = 0; c < category.length; c += 1) {
    const e = Math.exp((category[c] as number) - maxZ);
    category[c] = e;
    sum += e;
  }
  for (let c = 0; c < category.length; c += 1) category[c] = (category[c] as number) / sum;
  return { binary, category };
}
