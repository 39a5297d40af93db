/**
 * defuse coach [FILE] — reviews draft replies the same way (see src/coach/README.md).
 * defuse analyze [FILE] — reads messages from FILE or standard input, one per line: plain text, or a JSON object with a
 * `text` field and optional `context`. Writes one JSON result per line. A line that starts with `{` but is not valid
 * JSON (or has no string `text`) produces {"error": ..., "line": n} instead.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyzeMessage, type MessageContext } from '../src/analysis/index.ts';
import { runCoachCommand } from '../src/coach/index.ts';

const USAGE = [
  'usage: defuse analyze [FILE]   read customer messages: one per line, or JSON lines {"text": ..., "context": {...}}',
  '       defuse coach [FILE]     review draft replies: one per line, or JSON lines {"text": ..., "context": {...}}',
].join('\n');

async function analyze(file: string | undefined): Promise<void> {
  const input = file === undefined || file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    let output: unknown;
    const trimmed = line.trim();
    if (trimmed.startsWith('{')) {
      try {
        const parsed = JSON.parse(trimmed) as { text?: unknown; context?: unknown };
        if (typeof parsed.text !== 'string') output = { error: 'missing string field "text"', line: lineNumber };
        else {
          const context =
            parsed.context !== null && typeof parsed.context === 'object' ? (parsed.context as MessageContext) : undefined;
          output = analyzeMessage(parsed.text, context);
        }
      } catch (error) {
        output = { error: `malformed JSON: ${(error as Error).message}`, line: lineNumber };
      }
    } else {
      output = analyzeMessage(line);
    }
    if (!process.stdout.write(`${JSON.stringify(output)}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
  }
}

const [command, file, ...rest] = process.argv.slice(2);
if ((command !== 'analyze' && command !== 'coach') || rest.length > 0) {
  console.error(USAGE);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
} else {
  try {
    if (command === 'analyze') await analyze(file);
    else {
      const input = file === undefined || file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
      await runCoachCommand(input, process.stdout);
    }
  } catch (error) {
    console.error(`defuse: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
