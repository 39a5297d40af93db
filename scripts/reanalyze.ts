import { analysisVersion } from '../src/analysis/index.ts';
import { countStaleMessages, reanalyzeBatch } from '../src/conversations/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startRuntime } from '../src/platform/runtime.ts';

/**
 * `npm run reanalyze`: re-reads every stored customer message whose analysis came from another
 * analyser version, in batches, with progress. Safe to stop and run again: it resumes.
 */
const batchSize = Number(process.env.REANALYZE_BATCH ?? 200);
const runtime = await startRuntime(loadConfig());
const deps = { db: runtime.database.db };
try {
  const total = await countStaleMessages(deps);
  console.log(`Analyser ${analysisVersion}: ${total} customer messages to re-read.`);
  const started = Date.now();
  let conversations = 0;
  for (;;) {
    const done = await reanalyzeBatch(deps, batchSize);
    if (done === 0) break;
    conversations += done;
    const left = await countStaleMessages(deps);
    const percent = total === 0 ? 100 : Math.round(((total - left) / total) * 100);
    console.log(
      `  ${percent}%  ${total - left}/${total} messages, ${conversations} conversations, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  console.log('Every stored customer message is read by the current analyser.');
} finally {
  await runtime.close();
}
