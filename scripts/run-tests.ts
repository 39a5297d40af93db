import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs every test runner in turn (unit + integration, then browser end-to-end unless
 * --no-e2e) and ends with one plain line: "N passed, N failed", summed over all runners.
 * Fails when anything failed or when no test ran at all.
 */
const skipE2e = process.argv.includes('--no-e2e');
const outputDirectory = mkdtempSync(join(tmpdir(), 'defuse-test-results-'));

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  success: boolean;
}

function runVitest(name: string, extraArguments: string[]): { passed: number; failed: number; ok: boolean } {
  const outputFile = join(outputDirectory, `${name}.json`);
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`, ...extraArguments],
    { stdio: 'inherit', env: process.env },
  );
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8')) as VitestJson;
    return { passed: report.numPassedTests, failed: report.numFailedTests, ok: result.status === 0 };
  } catch {
    console.error(`The ${name} runner left no report (exit code ${result.status}).`);
    return { passed: 0, failed: 1, ok: false };
  }
}

const runs = [runVitest('unit-and-integration', [])];
if (!skipE2e) runs.push(runVitest('e2e', ['--config', 'test/e2e/vitest.e2e.config.ts']));

const passed = runs.reduce((sum, run) => sum + run.passed, 0);
const failed = runs.reduce((sum, run) => sum + run.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
// CI sums this runner with the Node 24 run into its own final line.
if (process.env.DEFUSE_TEST_SUMMARY) writeFileSync(process.env.DEFUSE_TEST_SUMMARY, JSON.stringify({ passed, failed }));
process.exit(failed > 0 || passed === 0 || runs.some((run) => !run.ok) ? 1 : 0);
