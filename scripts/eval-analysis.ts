/**
 * npm run eval — precision, recall and macro-F1 of analyzeMessage beside two baselines computed in the same run:
 * vader-sentiment (compound < -0.05 → positive class) and sentiment/AFINN (score < 0 → positive class).
 * The baselines only know sentiment, so for intents and complaints they predict "negative ⇒ positive class".
 * Only held-out splits are read: GoEmotions test.tsv, Banking77 test.csv, and the hash-split test parts of
 * Davidson and Bitext (see scripts/analysis-data.ts). Thresholds were tuned on dev splits by `npm run train`.
 */
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import { analyzeMessage, type MessageAnalysis } from '../src/analysis/index.ts';
import {
  B77_CANCELLATION,
  B77_COMPLAINT,
  B77_REFUND,
  BITEXT_ACCOUNT_CHURN,
  BITEXT_COMPLAINT,
  BITEXT_REFUND,
  b77Category,
  bitextCategory,
  dataDir,
  goEmotionsNegativeNames,
  loadBanking77,
  loadBitext,
  loadDavidson,
  loadGoEmotions,
} from './analysis-data.ts';
import { crossSource, metrics } from './cross-source-eval.ts';

const crossSourceOnly = process.argv.includes('--cross-source') || process.argv.includes('--unseen-only');

const afinn = new Sentiment();
interface Row {
  text: string;
  ours: MessageAnalysis;
  vaderNegative: boolean;
  afinnNegative: boolean;
}

function prepare(texts: string[]): Row[] {
  return texts.map((text) => ({
    text,
    ours: analyzeMessage(text),
    vaderNegative: vader.SentimentIntensityAnalyzer.polarity_scores(text).compound < -0.05,
    afinnNegative: afinn.analyze(text).score < 0,
  }));
}

interface Target {
  /** minimum macro-F1 of ours */
  macroF1?: number;
  /** minimum F1 (positive class) of ours */
  f1?: number;
  /** ours macro-F1 must beat the better baseline by this */
  marginOverBaseline?: number;
}

let passes = 0;
let misses = 0;
const fmt = (x: number) => x.toFixed(3);

function task(title: string, rows: Row[], gold: boolean[], ours: (a: MessageAnalysis) => boolean, target: Target): void {
  const o = metrics(
    rows.map((r) => ours(r.ours)),
    gold,
  );
  const v = metrics(
    rows.map((r) => r.vaderNegative),
    gold,
  );
  const a = metrics(
    rows.map((r) => r.afinnNegative),
    gold,
  );
  const positives = gold.filter(Boolean).length;
  console.log(`\n  ${title}  (n=${rows.length}, positive=${positives})`);
  console.log(
    `  ${'system'.padEnd(22)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)} ${'macro-F1'.padStart(9)}`,
  );
  for (const [name, m] of [
    ['defuse analyzeMessage', o],
    ['vader-sentiment', v],
    ['sentiment (AFINN)', a],
  ] as const) {
    console.log(
      `  ${name.padEnd(22)} ${fmt(m.precision).padStart(9)} ${fmt(m.recall).padStart(7)} ${fmt(m.f1).padStart(6)} ${fmt(m.macroF1).padStart(9)}`,
    );
  }
  const checks: string[] = [];
  const check = (label: string, ok: boolean) => {
    checks.push(`${ok ? 'PASS' : 'MISS'} ${label}`);
    if (ok) passes += 1;
    else misses += 1;
  };
  if (target.macroF1 !== undefined) check(`macro-F1 ${fmt(o.macroF1)} >= ${target.macroF1}`, o.macroF1 >= target.macroF1);
  if (target.f1 !== undefined) check(`F1 ${fmt(o.f1)} >= ${target.f1}`, o.f1 >= target.f1);
  if (target.marginOverBaseline !== undefined) {
    const best = Math.max(v.macroF1, a.macroF1);
    check(
      `macro-F1 +${fmt(o.macroF1 - best)} over better baseline (need +${target.marginOverBaseline})`,
      o.macroF1 - best >= target.marginOverBaseline,
    );
  }
  for (const c of checks) console.log(`  -> ${c}`);
}

function categoryTask(title: string, rows: Row[], gold: string[]): void {
  const names = [...new Set(gold)].sort();
  let correct = 0;
  const f1s: string[] = [];
  let macro = 0;
  for (const name of names) {
    const m = metrics(
      rows.map((r) => r.ours.category.name === name),
      gold.map((g) => g === name),
    );
    macro += m.f1 / names.length;
    f1s.push(`${name} ${fmt(m.f1)}`);
  }
  rows.forEach((r, i) => {
    if (r.ours.category.name === gold[i]) correct += 1;
  });
  console.log(`\n  ${title}  (n=${rows.length}; baselines have no notion of category: n/a)`);
  console.log(`  defuse analyzeMessage  accuracy ${fmt(correct / rows.length)}  macro-F1 ${fmt(macro)}`);
  console.log(`  per class F1: ${f1s.join(', ')}`);
}

function skip(name: string): void {
  console.log(`\n== ${name}: SKIPPED (not found under ${dataDir}; set DEFUSE_DATA_DIR)`);
}

const started = performance.now();
console.log(`Defuse analysis evaluation — data: ${dataDir}`);
console.log('Baselines: vader-sentiment compound < -0.05, sentiment (AFINN) score < 0 → positive class (sentiment only).');

const goTest = crossSourceOnly ? undefined : loadGoEmotions('test');
if (goTest === undefined) {
  // --cross-source: the in-domain tables are not wanted
} else if (goTest === null) skip('GoEmotions');
else {
  console.log('\n== GoEmotions test split (test.tsv; never used for training or tuning)');
  const negative = goEmotionsNegativeNames();
  const rows = prepare(goTest.map((r) => r.text));
  const negOf = (a: MessageAnalysis) =>
    a.emotions.anger.detected ||
    a.emotions.frustration.detected ||
    a.emotions.disappointment.detected ||
    a.emotions.anxiety.detected;
  task(
    'negative emotion (sentiment_dict negative) vs rest — ours: any of emotions.anger/frustration/disappointment/anxiety detected',
    rows,
    goTest.map((r) => [...r.labels].some((l) => negative.has(l))),
    negOf,
    { macroF1: 0.78, marginOverBaseline: 0.1 },
  );
  task(
    'anger + annoyance vs rest — ours: emotions.anger or emotions.frustration detected',
    rows,
    goTest.map((r) => r.labels.has('anger') || r.labels.has('annoyance')),
    (a) => a.emotions.anger.detected || a.emotions.frustration.detected,
    { marginOverBaseline: 0.1 },
  );
}

const davidson = crossSourceOnly ? undefined : loadDavidson();
if (davidson === undefined) {
  // --cross-source: the in-domain tables are not wanted
} else if (davidson === null) skip('Davidson');
else {
  const test = davidson.filter((r) => r.split === 'test');
  console.log('\n== Davidson held-out split (20 % by hash of the row; never used for training or tuning)');
  const rows = prepare(test.map((r) => r.text));
  task(
    'offensive or hateful vs neither — ours: any abuse.* detected',
    rows,
    test.map((r) => r.cls !== 2),
    (a) => Object.values(a.abuse).some((s) => s.detected),
    { macroF1: 0.88, marginOverBaseline: 0.1 },
  );
}

const banking = crossSourceOnly ? undefined : loadBanking77();
if (banking === undefined) {
  // --cross-source: the in-domain tables are not wanted
} else if (banking === null) skip('Banking77');
else {
  const test = banking.filter((r) => r.split === 'test');
  console.log('\n== Banking77 test.csv (never used for training or tuning)');
  const rows = prepare(test.map((r) => r.text));
  task(
    'refund intent (request_refund, Refund_not_showing_up) — ours: intents.refund',
    rows,
    test.map((r) => B77_REFUND.has(r.intent)),
    (a) => a.intents.refund.detected,
    { f1: 0.9, marginOverBaseline: 0.1 },
  );
  task(
    'cancellation intent (terminate_account) — ours: intents.cancellation',
    rows,
    test.map((r) => B77_CANCELLATION.has(r.intent)),
    (a) => a.intents.cancellation.detected,
    { f1: 0.9, marginOverBaseline: 0.1 },
  );
  task(
    'complaint-ish (29 "something went wrong" intents, see analysis-data.ts) — ours: complaint',
    rows,
    test.map((r) => B77_COMPLAINT.has(r.intent)),
    (a) => a.complaint.detected,
    { marginOverBaseline: 0.1 },
  );
  categoryTask(
    'category (77 intents mapped to 7 categories)',
    rows,
    test.map((r) => b77Category(r.intent)),
  );
}

const bitext = crossSourceOnly ? undefined : loadBitext();
if (bitext === undefined) {
  // --cross-source: the in-domain tables are not wanted
} else if (bitext === null) skip('Bitext');
else {
  const test = bitext.filter((r) => r.split === 'test');
  console.log('\n== Bitext held-out split (20 % by hash of the row; never used for training or tuning; synthetic, optimistic)');
  const rows = prepare(test.map((r) => r.text));
  task(
    'refund (get_refund, track_refund; check_refund_policy counts as not-refund) — ours: intents.refund',
    rows,
    test.map((r) => BITEXT_REFUND.has(r.intent)),
    (a) => a.intents.refund.detected,
    { marginOverBaseline: 0.1 },
  );
  task(
    'cancellation / churn (delete_account; cancelling one order is not churn) — ours: intents.cancellation',
    rows,
    test.map((r) => BITEXT_ACCOUNT_CHURN.has(r.intent)),
    (a) => a.intents.cancellation.detected,
    { marginOverBaseline: 0.1 },
  );
  task(
    'complaint (complaint, payment_issue, registration_problems: reports of something gone wrong) — ours: complaint',
    rows,
    test.map((r) => BITEXT_COMPLAINT.has(r.intent)),
    (a) => a.complaint.detected,
    { marginOverBaseline: 0.1 },
  );
  categoryTask(
    'category (27 intents mapped to 7 categories)',
    rows,
    test.map((r) => bitextCategory(r.intent)),
  );
}

{
  const result = crossSource({
    retrain: !process.argv.includes('--unseen-only'),
    // --no-baselines: a quick look at our own figures while working (the baselines take minutes)
    baselines: !process.argv.includes('--no-baselines'),
  });
  passes += result.passes;
  misses += result.misses;
}

console.log(`\nTargets: ${passes} PASS, ${misses} MISS  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
// A missed target is a failed evaluation, not a footnote.
process.exit(misses > 0 ? 1 : 0);
