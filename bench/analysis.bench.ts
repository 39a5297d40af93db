/**
 * npm run bench:analysis — throughput and latency of analyzeMessage on real messages from ../shared/data, beside
 * vader-sentiment and sentiment (AFINN) on the same corpus in the same process; heap cost of the loaded analyser;
 * and a linear-growth check on 10 KB / 100 KB / 1 MB messages. One core (single thread).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';

const dataDir = resolve(process.env.DEFUSE_DATA_DIR ?? join(import.meta.dirname, '..', '..', 'shared', 'data'));
const gc = (globalThis as { gc?: () => void }).gc;
function settle(): void {
  if (gc !== undefined) for (let i = 0; i < 3; i += 1) gc();
}

function corpus(): string[] {
  const texts: string[] = [];
  const go = join(dataDir, 'goemotions', 'test.tsv');
  if (existsSync(go)) for (const line of readFileSync(go, 'utf8').split('\n')) if (line) texts.push(line.split('\t')[0] ?? '');
  const b77 = join(dataDir, 'banking77', 'test.csv');
  if (existsSync(b77)) {
    for (const line of readFileSync(b77, 'utf8').split('\n').slice(1)) {
      const cut = line.lastIndexOf(',');
      if (cut > 0) texts.push(line.slice(0, cut).replace(/^"|"$/g, ''));
    }
  }
  const bitext = join(dataDir, 'bitext-customer-support', 'Bitext_Sample_Customer_Support_Training_Dataset.csv');
  if (existsSync(bitext)) {
    for (const line of readFileSync(bitext, 'utf8').split('\n').slice(1, 2001)) {
      const parts = line.split(',');
      if (parts[2] !== undefined) texts.push(parts[2]);
    }
  }
  if (texts.length === 0) {
    // No stand-in corpus: a figure measured on five made-up lines would mean nothing.
    console.log(`SKIPPED: no data under ${dataDir} (set DEFUSE_DATA_DIR); nothing was measured.`);
    process.exit(2);
  }
  return texts.filter((t) => t.length > 0);
}

settle();
const before = process.memoryUsage();
const { analyzeMessage } = await import('../src/analysis/index.ts');
analyzeMessage('warm up: load the weights');
settle();
const after = process.memoryUsage();

const texts = corpus();
const afinn = new Sentiment();
const systems: Array<[string, (text: string) => unknown]> = [
  ['defuse analyzeMessage', (t) => analyzeMessage(t)],
  ['vader-sentiment', (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t)],
  ['sentiment (AFINN)', (t) => afinn.analyze(t)],
];

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

const results: Array<{ name: string; perSecond: number; p50: number; p99: number }> = [];
for (const [name, run] of systems) {
  for (const t of texts.slice(0, 2000)) run(t); // warm-up
  const rounds = 3;
  let best = 0;
  for (let r = 0; r < rounds; r += 1) {
    const start = performance.now();
    for (const t of texts) run(t);
    const seconds = (performance.now() - start) / 1000;
    best = Math.max(best, texts.length / seconds);
  }
  const latencies = new Float64Array(texts.length);
  texts.forEach((t, i) => {
    const s = performance.now();
    run(t);
    latencies[i] = (performance.now() - s) * 1000;
  });
  latencies.sort();
  results.push({ name, perSecond: best, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) });
}

const ours = results[0] as (typeof results)[number];
const vaderResult = results[1] as (typeof results)[number];
const avgLength = texts.reduce((s, t) => s + t.length, 0) / texts.length;
console.log(`Corpus: ${texts.length} real messages from ${dataDir} (mean ${avgLength.toFixed(0)} chars), one thread`);
console.log(
  `\n${'system'.padEnd(24)} ${'msg/s'.padStart(10)} ${'p50 µs'.padStart(9)} ${'p99 µs'.padStart(9)} ${'vs vader'.padStart(9)}`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(24)} ${Math.round(r.perSecond).toString().padStart(10)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${`${(r.perSecond / vaderResult.perSecond).toFixed(1)}x`.padStart(9)}`,
  );
}

const heapDelta = (after.heapUsed - before.heapUsed) / 1024 / 1024;
const externalDelta = (after.external + after.arrayBuffers - before.external - before.arrayBuffers) / 1024 / 1024;
const rssDelta = (after.rss - before.rss) / 1024 / 1024;
const memory = heapDelta + Math.max(0, externalDelta);

console.log('\nLinear growth (one message of each size, built from the corpus):');
console.log(`${'size'.padStart(8)} ${'ms'.padStart(9)} ${'µs per KB'.padStart(10)}`);
const growth: Array<{ size: number; ms: number }> = [];
const joined = texts.join(' ');
for (const size of [10_000, 100_000, 1_000_000]) {
  let text = joined;
  while (text.length < size) text += ` ${joined}`;
  text = text.slice(0, size);
  analyzeMessage(text.slice(0, 1000));
  const start = performance.now();
  analyzeMessage(text);
  const ms = performance.now() - start;
  growth.push({ size, ms });
  console.log(
    `${`${size / 1000} KB`.padStart(8)} ${ms.toFixed(1).padStart(9)} ${((ms * 1000) / (size / 1000)).toFixed(1).padStart(10)}`,
  );
}
const perKb = growth.map((g) => g.ms / g.size);
const linear = (perKb[2] as number) <= 3 * (perKb[0] as number) + 1e-6 && (growth[2]?.ms ?? 0) < 2000;

console.log(
  `\nMemory of the loaded analyser: heap +${heapDelta.toFixed(1)} MB, external/array buffers +${externalDelta.toFixed(1)} MB (rss +${rssDelta.toFixed(1)} MB)${gc === undefined ? ' [run with --expose-gc for exact figures]' : ''}`,
);
let missed = 0;
const row = (label: string, value: string, target: string, ok: boolean) => {
  if (!ok) missed += 1;
  console.log(`${label.padEnd(34)} ${value.padStart(14)} ${target.padStart(14)}  ${ok ? 'PASS' : 'MISS'}`);
};
console.log(`\n${'target'.padEnd(34)} ${'measured'.padStart(14)} ${'goal'.padStart(14)}  result`);
row('throughput (msg/s, one core)', Math.round(ours.perSecond).toString(), '>= 50000', ours.perSecond >= 50_000);
row(
  'throughput vs vader-sentiment',
  `${(ours.perSecond / vaderResult.perSecond).toFixed(1)}x`,
  '>= 7x',
  ours.perSecond >= 7 * vaderResult.perSecond,
);
row('p99 latency', `${ours.p99.toFixed(1)} µs`, '< 1000 µs', ours.p99 < 1000);
row('memory of loaded analyser', `${memory.toFixed(1)} MB`, '< 150 MB', memory < 150);
row('1 MB message', `${(growth[2]?.ms ?? 0).toFixed(0)} ms`, 'linear, bounded', linear);
// Quality on real text the shipped model never saw (the full leave-one-source-out table is npm run eval).
const { crossSource } = await import('../scripts/cross-source-eval.ts');
const quality = crossSource({ retrain: false, baselines: true });
missed += quality.misses;

if (missed > 0) {
  console.log(`\n${missed} target(s) missed.`);
  process.exitCode = 1;
}
