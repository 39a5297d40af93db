/**
 * Training of the in-process analysis model (used by `npm run train` and by the cross-source evaluation):
 * the hashed multi-task model on TRAIN splits only, decision thresholds on DEV splits, then the dissatisfaction
 * reader on DEV rows (which the hashed model never trained on) with its threshold chosen on held-out sources.
 * Only sources whose licence lets the shipped model learn from them are read. Deterministic: seeded shuffling.
 */

import { lastReaderInput } from '../src/analysis/analyze-message.ts';
import { lexiconTokens, matchLexicon } from '../src/analysis/domain/lexicon.ts';
import { tokenize } from '../src/analysis/domain/normalize.ts';
import { analyzeMessage } from '../src/analysis/index.ts';
import { extractFeatures } from '../src/analysis/model/features.ts';
import {
  BINARY_HEADS,
  type BinaryHead,
  BUCKETS,
  CATEGORY_NAMES,
  CATEGORY_OFFSET,
  HASH_BITS,
  HEAD_COUNT,
} from '../src/analysis/model/heads.ts';
import {
  decodeModel,
  encodeModel,
  installModel,
  type LoadedModel,
  type ModelHeader,
  scoreTokens,
} from '../src/analysis/model/model.ts';
import { READER_FEATURES, READER_SIZE, type ReaderWeights, readerProbability } from '../src/analysis/model/reader.ts';
import {
  B77_CANCELLATION,
  B77_COMPLAINT,
  B77_REFUND,
  BITEXT_ACCOUNT_CHURN,
  BITEXT_COMPLAINT,
  BITEXT_MANAGER,
  BITEXT_ORDER_CANCEL,
  BITEXT_REFUND,
  b77Category,
  bitextCategory,
  dataDir,
  EMOTION_GROUPS,
  goEmotionsNegativeNames,
  hashUnit,
  loadBanking77,
  loadBitext,
  loadDavidson,
  loadGoEmotions,
  SENTIMENT_SOURCES,
  type Split,
} from './analysis-data.ts';

const SEED = 20240611;
const EPOCHS = Number(process.env.DEFUSE_TRAIN_EPOCHS ?? 6);
const LEARNING_RATE = 0.25;
const L2 = 1e-7;

export interface TrainOptions {
  /** sources left out entirely (leave-one-source-out evaluation) */
  exclude?: ReadonlySet<string>;
  log?: (line: string) => void;
  /** keep this hashed model and refit only the reader */
  reuse?: LoadedModel;
}

export interface TrainedModel {
  model: LoadedModel;
  bytes: Uint8Array;
  counts: Record<string, number>;
}

export function trainModel(options: TrainOptions = {}): TrainedModel {
  const exclude = options.exclude ?? new Set<string>();
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();

  interface Example {
    source: string;
    split: Split;
    text: string;
    /** per binary head: 1, 0 or -1 (not labelled by this source) */
    labels: Int8Array;
    category: number;
    /** GoEmotions only: labelled anger or annoyance (the product's "angry" reading = emotions.anger or frustration). */
    angry?: boolean;
  }

  const H = Object.fromEntries(BINARY_HEADS.map((h, i) => [h, i])) as Record<BinaryHead, number>;
  const examples: Example[] = [];
  const counts: Record<string, number> = {};
  function add(source: string, split: Split, text: string, set: Partial<Record<BinaryHead, number>>, category: string | null) {
    const labels = new Int8Array(BINARY_HEADS.length).fill(-1);
    for (const [head, value] of Object.entries(set)) labels[H[head as BinaryHead]] = value as number;
    const categoryIndex = category === null ? -1 : CATEGORY_NAMES.indexOf(category as (typeof CATEGORY_NAMES)[number]);
    examples.push({ source, split, text, labels, category: categoryIndex });
    const key = `${source}/${split}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }

  /** Languages whose labelled sentiment text the model learns from (elsewhere the reader uses the lexicons alone). */
  const learnedLanguages = new Set<string>();
  const NONE_INTENTS = { refund: 0, cancellation: 0, order_cancel: 0, manager_request: 0 } as const;

  // GoEmotions: emotion heads; a 15 % hash sample also teaches the intent heads and category what "not a request" is.
  const negativeNames = existsData('goemotions') ? goEmotionsNegativeNames() : new Set<string>();
  for (const split of ['train', 'dev'] as const) {
    if (exclude.has('goemotions')) break;
    for (const row of loadGoEmotions(split) ?? []) {
      const has = (names: string[]) => (names.some((n) => row.labels.has(n)) ? 1 : 0);
      const set: Partial<Record<BinaryHead, number>> = {
        negative: has([...negativeNames]),
        anger: has(EMOTION_GROUPS.anger ?? []),
        frustration: has(EMOTION_GROUPS.frustration ?? []),
        disappointment: has(EMOTION_GROUPS.disappointment ?? []),
        anxiety: has(EMOTION_GROUPS.anxiety ?? []),
        satisfaction: has(EMOTION_GROUPS.satisfaction ?? []),
      };
      const sample = hashUnit(row.text, 'defuse-negatives') < 0.15;
      add('goemotions', split, row.text, sample ? { ...set, ...NONE_INTENTS } : set, sample ? 'other' : null);
      learnedLanguages.add('en');
      (examples[examples.length - 1] as Example).angry = row.labels.has('anger') || row.labels.has('annoyance');
    }
  }
  // Sentiment sources whose licence lets the shipped model learn from them teach the negative head (GoEmotions above).
  for (const source of SENTIMENT_SOURCES) {
    if (source.use !== 'ships' || source.name === 'goemotions' || exclude.has(source.name)) continue;
    for (const row of source.load() ?? []) {
      if (row.split === 'test') continue;
      add(source.name, row.split, row.text, { negative: row.negative ? 1 : 0 }, null);
      learnedLanguages.add(source.language);
    }
  }
  for (const row of exclude.has('davidson') ? [] : (loadDavidson() ?? [])) {
    if (row.split === 'test') continue; // never read by training
    const sample = hashUnit(row.text, 'defuse-negatives') < 0.15;
    add('davidson', row.split, row.text, { offensive: row.cls === 2 ? 0 : 1, ...(sample ? NONE_INTENTS : {}) }, null);
  }
  for (const row of exclude.has('banking77') ? [] : (loadBanking77() ?? [])) {
    if (row.split === 'test') continue;
    add(
      'banking77',
      row.split,
      row.text,
      {
        refund: B77_REFUND.has(row.intent) ? 1 : 0,
        cancellation: B77_CANCELLATION.has(row.intent) ? 1 : 0,
        order_cancel: 0,
        complaint: B77_COMPLAINT.has(row.intent) ? 1 : 0,
        manager_request: 0,
        offensive: 0,
      },
      b77Category(row.intent),
    );
  }
  for (const row of exclude.has('bitext') ? [] : (loadBitext() ?? [])) {
    if (row.split === 'test') continue;
    add(
      'bitext',
      row.split,
      row.text,
      {
        refund: BITEXT_REFUND.has(row.intent) ? 1 : 0,
        cancellation: BITEXT_ACCOUNT_CHURN.has(row.intent) ? 1 : 0,
        order_cancel: BITEXT_ORDER_CANCEL.has(row.intent) ? 1 : 0,
        complaint: BITEXT_COMPLAINT.has(row.intent) ? 1 : 0,
        manager_request: BITEXT_MANAGER.has(row.intent) ? 1 : 0,
        offensive: row.tags.includes('W') ? 1 : 0,
      },
      bitextCategory(row.intent),
    );
  }

  function existsData(name: string): boolean {
    return loadGoEmotions('dev') !== null || name !== 'goemotions';
  }

  if (examples.length === 0) throw new Error(`No training data found in ${dataDir} (set DEFUSE_DATA_DIR).`);

  if (options.reuse !== undefined) {
    // Refit only the reader on top of an already trained hashed model (npm run train -- --reader-only).
    const header = { ...options.reuse.header, languages: [...learnedLanguages].sort(), reader: undefined };
    const reader = trainReader(options.reuse, header, examples, log);
    const bytes = encodeModel({ ...header, reader }, options.reuse.weights);
    return { model: decodeModel(bytes), bytes, counts };
  }

  // ---- features ----
  const buffer = new Int32Array(8192);
  /** Exactly the inputs analyzeMessage gives the model: base tokens, lexicon tokens and lexicon matches. */
  function modelInputs(text: string) {
    const tokens = tokenize(text);
    const lexTokens = lexiconTokens(text, tokens);
    return { tokens, lexTokens, matches: matchLexicon(lexTokens) };
  }
  const featureRows: Int32Array[] = examples.map((e) => {
    const { tokens, lexTokens, matches } = modelInputs(e.text);
    const n = extractFeatures(e.text, tokens, buffer, lexTokens, matches);
    return buffer.slice(0, n);
  });
  const train = examples.map((_, i) => i).filter((i) => (examples[i] as Example).split === 'train');

  // ---- training: multi-task logistic regression (binary heads) + softmax (category), AdaGrad, seeded shuffle ----
  const weights = new Float32Array(BUCKETS * HEAD_COUNT);
  const gradSq = new Float32Array(BUCKETS * HEAD_COUNT).fill(1e-6);
  const biases = new Float64Array(HEAD_COUNT);
  const biasGradSq = new Float64Array(HEAD_COUNT).fill(1e-6);

  function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const random = mulberry32(SEED);
  const HC = HEAD_COUNT; // module-local: imported bindings are getter reads under tsx
  const z = new Float64Array(HEAD_COUNT);
  const grad = new Float64Array(HEAD_COUNT);
  for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
    for (let i = train.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const tmp = train[i] as number;
      train[i] = train[j] as number;
      train[j] = tmp;
    }
    let loss = 0;
    for (const index of train) {
      const example = examples[index] as Example;
      const features = featureRows[index] as Int32Array;
      const x = 1 / Math.sqrt(features.length);
      for (let k = 0; k < HC; k += 1) z[k] = biases[k] as number;
      for (const f of features) {
        const base = f * HC;
        for (let k = 0; k < HC; k += 1) z[k] = (z[k] as number) + (weights[base + k] as number) * x;
      }
      grad.fill(0);
      for (let k = 0; k < BINARY_HEADS.length; k += 1) {
        const y = example.labels[k] as number;
        if (y < 0) continue;
        const p = 1 / (1 + Math.exp(-(z[k] as number)));
        grad[k] = p - y;
        loss -= y === 1 ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12);
      }
      if (example.category >= 0) {
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < CATEGORY_NAMES.length; c += 1) max = Math.max(max, z[CATEGORY_OFFSET + c] as number);
        let sum = 0;
        for (let c = 0; c < CATEGORY_NAMES.length; c += 1) sum += Math.exp((z[CATEGORY_OFFSET + c] as number) - max);
        for (let c = 0; c < CATEGORY_NAMES.length; c += 1) {
          const p = Math.exp((z[CATEGORY_OFFSET + c] as number) - max) / sum;
          grad[CATEGORY_OFFSET + c] = p - (c === example.category ? 1 : 0);
        }
      }
      for (let k = 0; k < HC; k += 1) {
        const g = grad[k] as number;
        if (g === 0) continue;
        biasGradSq[k] = (biasGradSq[k] as number) + g * g;
        biases[k] = (biases[k] as number) - (LEARNING_RATE * g) / Math.sqrt(biasGradSq[k] as number);
      }
      for (const f of features) {
        const base = f * HC;
        for (let k = 0; k < HC; k += 1) {
          const g0 = grad[k] as number;
          if (g0 === 0) continue;
          const w = weights[base + k] as number;
          const g = g0 * x + L2 * w;
          const s = (gradSq[base + k] as number) + g * g;
          gradSq[base + k] = s;
          weights[base + k] = w - (LEARNING_RATE * g) / Math.sqrt(s);
        }
      }
    }
    log(`epoch ${epoch + 1}/${EPOCHS}: mean loss ${(loss / train.length).toFixed(4)}`);
  }

  // ---- quantise to int8 with one scale per head ----
  const scales: number[] = [];
  const quantised = new Int8Array(BUCKETS * HEAD_COUNT);
  for (let k = 0; k < HEAD_COUNT; k += 1) {
    let maxAbs = 1e-9;
    for (let b = 0; b < BUCKETS; b += 1) maxAbs = Math.max(maxAbs, Math.abs(weights[b * HEAD_COUNT + k] as number));
    const scale = maxAbs / 127;
    scales.push(scale);
    for (let b = 0; b < BUCKETS; b += 1) {
      quantised[b * HEAD_COUNT + k] = Math.max(-127, Math.min(127, Math.round((weights[b * HEAD_COUNT + k] as number) / scale)));
    }
  }

  const thresholds = Object.fromEntries(BINARY_HEADS.map((h) => [h, 0.5])) as Record<BinaryHead, number>;
  const header: ModelHeader = {
    format: 1,
    buckets: BUCKETS,
    heads: [...BINARY_HEADS, ...CATEGORY_NAMES.map((c) => `category.${c}`)],
    scales,
    biases: [...biases],
    thresholds,
    trainedOn: counts,
  };

  // ---- tune thresholds on DEV rows with the quantised model (exactly what analyzeMessage runs) ----
  const draft = decodeModel(encodeModel(header, quantised));
  const dev = examples.filter((e) => e.split === 'dev');
  const devScores = dev.map((e) => {
    const { tokens, lexTokens, matches } = modelInputs(e.text);
    const s = scoreTokens(e.text, tokens, lexTokens, matches, draft);
    return { binary: s.binary.slice(), category: s.category.slice() };
  });
  /** Heads tuned for binary macro-F1 (the evaluation target), the others for F1 of the positive class. */
  const MACRO_TUNED = new Set<BinaryHead>(['negative', 'offensive']);
  for (const head of BINARY_HEADS) {
    const k = H[head];
    const pairs: Array<[number, number]> = [];
    dev.forEach((e, i) => {
      const y = e.labels[k] as number;
      if (y >= 0) pairs.push([(devScores[i] as { binary: Float64Array }).binary[k] as number, y]);
    });
    let best = { t: 0.5, f: -1 };
    for (let t = 0.2; t < 0.901; t += 0.01) {
      const scores = f1At(pairs, t);
      const f = MACRO_TUNED.has(head) ? scores.macroF1 : scores.f1;
      if (f > best.f) best = { t: Math.round(t * 100) / 100, f };
    }
    thresholds[head] = best.t;
    log(
      `threshold ${head.padEnd(16)} ${best.t.toFixed(2)}  dev ${MACRO_TUNED.has(head) ? 'macro-F1' : 'F1'} ${best.f.toFixed(3)}  (${pairs.length} dev rows)`,
    );
  }

  /**
   * The anger and frustration thresholds decide together whether a message reads as angry (anger or frustration
   * detected). Tune them jointly on GoEmotions dev for macro-F1 of anger-or-annoyance, simulating analyzeMessage's
   * gate: negative emotions show only when the negative head fires, and then at least the strongest one does.
   */
  {
    const calibrate = (p: number, t: number) => (p < t ? (0.5 * p) / t : 0.5 + (0.5 * (p - t)) / (1 - t));
    const emotionHeads = [H.anger, H.frustration, H.disappointment, H.anxiety];
    const rows = dev
      .map((e, i) => ({ e, s: (devScores[i] as { binary: Float64Array }).binary }))
      .filter((r) => r.e.angry !== undefined);
    const macro = (ta: number, tf: number): number => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      let tn = 0;
      const t = [ta, tf, thresholds.disappointment, thresholds.anxiety];
      for (const { e, s } of rows) {
        let angry = false;
        if ((s[H.negative] as number) >= thresholds.negative) {
          const c = emotionHeads.map((k, j) => calibrate(s[k] as number, t[j] as number));
          if ((c[0] as number) >= 0.5 || (c[1] as number) >= 0.5) angry = true;
          else if (c.every((v) => v < 0.5))
            angry = Math.max(c[0] as number, c[1] as number) >= Math.max(c[2] as number, c[3] as number);
        }
        if (angry && e.angry) tp += 1;
        else if (angry) fp += 1;
        else if (e.angry) fn += 1;
        else tn += 1;
      }
      const f1 = (a: number, b: number, c: number) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c));
      return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2;
    };
    let best = { ta: thresholds.anger, tf: thresholds.frustration, f: macro(thresholds.anger, thresholds.frustration) };
    const before = best.f;
    for (let ta = 0.1; ta < 0.901; ta += 0.02) {
      for (let tf = 0.1; tf < 0.901; tf += 0.02) {
        const f = macro(ta, tf);
        if (f > best.f + 1e-9) best = { ta: Math.round(ta * 100) / 100, tf: Math.round(tf * 100) / 100, f };
      }
    }
    thresholds.anger = best.ta;
    thresholds.frustration = best.tf;
    log(
      `joint anger/frustration thresholds ${best.ta.toFixed(2)}/${best.tf.toFixed(2)}: dev anger-or-annoyance macro-F1 ${before.toFixed(3)} -> ${best.f.toFixed(3)} (${rows.length} dev rows)`,
    );
  }

  let correct = 0;
  let labelled = 0;
  dev.forEach((e, i) => {
    if (e.category < 0) return;
    labelled += 1;
    const probs = (devScores[i] as { category: Float64Array }).category;
    let arg = 0;
    for (let c = 1; c < probs.length; c += 1) if ((probs[c] as number) > (probs[arg] as number)) arg = c;
    if (arg === e.category) correct += 1;
  });
  log(`category dev accuracy ${(correct / Math.max(1, labelled)).toFixed(3)} (${labelled} dev rows)`);

  header.languages = [...learnedLanguages].sort();
  const reader = trainReader(draft, header, examples, log);
  const bytes = encodeModel({ ...header, reader }, quantised);
  log('\ntrained on (rows per source/split; dev rows only tune thresholds and fit the reader):');
  for (const [key, value] of Object.entries(counts).sort()) log(`  ${key.padEnd(20)} ${value}`);
  log(
    `features: 2^${HASH_BITS} hashed buckets (word uni/bigrams + char 3-5-grams + shape), ${HEAD_COUNT} heads, ${EPOCHS} epochs, seed ${SEED}`,
  );
  log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s (${(bytes.length / 1024 / 1024).toFixed(2)} MB)`);
  return { model: decodeModel(bytes), bytes, counts };
}

interface ReaderRow {
  source: string;
  x: Float64Array;
  y: number;
}

/**
 * How much each source teaches the reader, in total. The sentiment sources say what dissatisfaction sounds like; the
 * banking and retail intent sets (problem reports labelled as complaints) teach that a calm report counts too, but
 * their label is narrower, so they weigh less. DEFUSE_READER_WEIGHTS="bitext=0.5,…" overrides for experiments.
 */
const READER_SOURCE_WEIGHTS: Record<string, number> = {
  goemotions: 1,
  'red-romanian': 1,
  banking77: 1,
  bitext: 1,
  ...Object.fromEntries(
    (process.env.DEFUSE_READER_WEIGHTS ?? '')
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.split('=')[0] as string, Number(pair.split('=')[1])]),
  ),
};

/** Fits the reader by full-batch gradient descent (L2); each source weighs READER_SOURCE_WEIGHTS in total. */
function fitReader(rows: readonly ReaderRow[], threshold: number): ReaderWeights {
  const perSource = new Map<string, number>();
  for (const r of rows) perSource.set(r.source, (perSource.get(r.source) ?? 0) + 1);
  let totalWeight = 0;
  const rowWeight = new Map<string, number>();
  for (const [source, count] of perSource) {
    const weight = READER_SOURCE_WEIGHTS[source.split('/')[0] as string] ?? 1;
    totalWeight += weight;
    rowWeight.set(source, weight / count);
  }
  const w = new Float64Array(READER_SIZE);
  let b = 0;
  const m = new Float64Array(READER_SIZE + 1);
  const v = new Float64Array(READER_SIZE + 1);
  const grad = new Float64Array(READER_SIZE + 1);
  const lambda = 1e-3;
  for (let step = 1; step <= 600; step += 1) {
    grad.fill(0);
    for (const r of rows) {
      let z = b;
      for (let k = 0; k < READER_SIZE; k += 1) z += (w[k] as number) * (r.x[k] as number);
      const p = 1 / (1 + Math.exp(-z));
      const g = ((p - r.y) * (rowWeight.get(r.source) as number)) / totalWeight;
      for (let k = 0; k < READER_SIZE; k += 1) grad[k] = (grad[k] as number) + g * (r.x[k] as number);
      grad[READER_SIZE] = (grad[READER_SIZE] as number) + g;
    }
    for (let k = 0; k <= READER_SIZE; k += 1) {
      const current = k < READER_SIZE ? (w[k] as number) : b;
      const g = (grad[k] as number) + (k < READER_SIZE ? lambda * current : 0);
      m[k] = 0.9 * (m[k] as number) + 0.1 * g;
      v[k] = 0.999 * (v[k] as number) + 0.001 * g * g;
      const update = (0.05 * ((m[k] as number) / (1 - 0.9 ** step))) / (Math.sqrt((v[k] as number) / (1 - 0.999 ** step)) + 1e-8);
      if (k < READER_SIZE) w[k] = current - update;
      else b = current - update;
    }
  }
  return {
    features: [...READER_FEATURES],
    weights: [...w].map((x) => Math.round(x * 1e4) / 1e4),
    bias: Math.round(b * 1e4) / 1e4,
    threshold,
  };
}

/** F1 of the positive class and macro-F1 over both classes when `p >= t` is read as positive. */
function f1At(pairs: ReadonlyArray<readonly [number, number]>, t: number): { f1: number; macroF1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const [p, y] of pairs) {
    if (p >= t) {
      if (y === 1) tp += 1;
      else fp += 1;
    } else if (y === 1) fn += 1;
    else tn += 1;
  }
  const f1 = (a: number, b: number, c: number) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  return { f1: f1(tp, fp, fn), macroF1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2 };
}

/**
 * The reader learns from DEV rows (the hashed model never trained on them) of every shipped source that says
 * whether the customer is dissatisfied: GoEmotions and RED negative, Banking77 and Bitext reported problems.
 * Its threshold is the one that does best on average over sources each held out from the reader's fit.
 */
function trainReader(
  draft: LoadedModel,
  header: ModelHeader,
  examples: ReadonlyArray<{ source: string; split: Split; text: string; labels: Int8Array }>,
  log: (line: string) => void,
): ReaderWeights {
  const negativeHead = BINARY_HEADS.indexOf('negative');
  const complaintHead = BINARY_HEADS.indexOf('complaint');
  installModel(decodeModel(encodeModel({ ...header, reader: undefined }, draft.weights)));
  const rows: ReaderRow[] = [];
  try {
    for (const e of examples) {
      if (e.split !== 'dev') continue;
      const label = e.source === 'banking77' || e.source === 'bitext' ? e.labels[complaintHead] : e.labels[negativeHead];
      if (label === undefined || label < 0) continue;
      analyzeMessage(e.text);
      const x = lastReaderInput().slice();
      rows.push({ source: e.source, x, y: label });
      // The same message as if written in a language the model does not know: the reader learns to judge by the
      // lexicons alone (model features removed, `model.absent` set), which is how it reads German, French, Spanish.
      if (x[1] === 0) {
        const lexiconOnly = x.slice();
        lexiconOnly[0] = 0;
        lexiconOnly[1] = 1;
        lexiconOnly[2] = 0;
        rows.push({ source: `${e.source}/lexicons`, x: lexiconOnly, y: label });
      }
    }
  } finally {
    installModel(null);
  }
  // A source and its lexicon-only copy are held out together; each is scored on its own.
  const origin = (source: string) => source.split('/')[0] as string;
  const sources = [...new Set(rows.map((r) => origin(r.source)))];
  const heldOut: Array<Array<[number, number]>> = [];
  const heldOutNames: string[] = [];
  for (const source of sources) {
    const fit = fitReader(
      rows.filter((r) => origin(r.source) !== source),
      0.5,
    );
    for (const variant of new Set(rows.filter((r) => origin(r.source) === source).map((r) => r.source))) {
      heldOut.push(rows.filter((r) => r.source === variant).map((r) => [readerProbability(r.x, fit), r.y]));
      heldOutNames.push(variant);
    }
  }
  // Two thresholds, each chosen where it does best on average over held-out sources: one for messages the hashed
  // model can read (English, Romanian), one for messages judged by the lexicons alone (the `/lexicons` copies).
  const choose = (pairs: Array<Array<[number, number]>>) => {
    let best = { t: 0.5, f: -1 };
    for (let t = 0.1; t < 0.9001; t += 0.01) {
      const f = pairs.reduce((sum, p) => sum + f1At(p, t).macroF1, 0) / Math.max(1, pairs.length);
      if (f > best.f) best = { t: Math.round(t * 100) / 100, f };
    }
    return best;
  };
  const known = choose(heldOut.filter((_, i) => !heldOutNames[i]?.endsWith('/lexicons')));
  const absent = choose(heldOut.filter((_, i) => heldOutNames[i]?.endsWith('/lexicons')));
  const reader = { ...fitReader(rows, known.t), thresholdWithoutModel: absent.t };
  log(
    `reader: ${rows.length} dev rows from ${sources.join(', ')}; thresholds ${known.t.toFixed(2)} with the model (mean held-out-source macro-F1 ${known.f.toFixed(3)}), ${absent.t.toFixed(2)} on lexicons alone (${absent.f.toFixed(3)})`,
  );
  log(
    `reader weights: ${READER_FEATURES.map((name, k) => `${name} ${(reader.weights[k] as number).toFixed(2)}`).join(', ')}; bias ${reader.bias.toFixed(2)}`,
  );
  return reader;
}
