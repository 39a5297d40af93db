/**
 * defuse coach [FILE] — reviews draft replies the same way (see src/coach/README.md).
 * defuse analyze --conversation [FILE] — reads conversations, one JSON object per line:
 * {"messages": [{"from": "customer" | "agent", "text": "...", "at"?: ISO time}, ...]} (oldest first), and writes one
 * reading per line: heat, peak, trend, feelsUnheard, category, intents (and the per-message trajectory).
 * defuse analyze [FILE] — reads messages from FILE or standard input, one per line: plain text, or a JSON object with a
 * `text` field and optional `context`. Writes one JSON result per line. A line that starts with `{` but is not valid
 * JSON (or has no string `text`) produces {"error": ..., "line": n} instead.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { analyzeConversation, analyzeMessage, type ConversationEntry, type MessageContext } from '../src/analysis/index.ts';
import { runCoachCommand } from '../src/coach/index.ts';

const USAGE = [
  'usage: defuse analyze [FILE]   read customer messages: one per line, or JSON lines {"text": ..., "context": {...}}',
  '       defuse analyze --conversation [FILE]',
  '                               read conversations: JSON lines {"messages": [{"from": "customer"|"agent", "text": ..., "at"?: ...}]}',
  '       defuse coach [FILE]     review draft replies: one per line, or JSON lines {"text": ..., "context": {...}}',
].join('\n');

/** One conversation line → its reading, or an error naming what is wrong with the line. */
function readConversationLine(line: string, lineNumber: number): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { error: `malformed JSON: ${(error as Error).message}`, line: lineNumber };
  }
  const messages = (parsed as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return { error: 'missing array field "messages"', line: lineNumber };
  const entries: ConversationEntry[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (const [index, message] of messages.entries()) {
    const m = message as { from?: unknown; text?: unknown; at?: unknown } | null;
    if (m === null || typeof m !== 'object' || (m.from !== 'customer' && m.from !== 'agent') || typeof m.text !== 'string') {
      return { error: `messages[${index}] needs "from" ("customer" or "agent") and a string "text"`, line: lineNumber };
    }
    if (m.at !== undefined && (typeof m.at !== 'string' || Number.isNaN(Date.parse(m.at)))) {
      return { error: `messages[${index}].at is not an ISO time`, line: lineNumber };
    }
    // Without times, messages are taken one minute apart (time after an answer then cools nothing).
    const at = typeof m.at === 'string' ? new Date(m.at).toISOString() : new Date(start + index * 60_000).toISOString();
    entries.push({ kind: m.from, text: m.text, at });
  }
  const reading = analyzeConversation(entries);
  return {
    heat: reading.currentHeat,
    peak: Math.max(reading.peak?.heat ?? 0, reading.currentHeat),
    trend: reading.trend,
    feelsUnheard: reading.feelsUnheard,
    category: reading.category.name,
    intents: reading.intents,
    abusive: reading.abusive,
    trajectory: reading.trajectory.map((point) => point.heat),
  };
}

async function analyzeConversations(file: string | undefined): Promise<void> {
  const input = file === undefined || file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim().length === 0) continue;
    const output = readConversationLine(line.trim(), lineNumber);
    if (!process.stdout.write(`${JSON.stringify(output)}\n`)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
  }
}

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

const args = process.argv.slice(2);
const conversationMode = args[0] === 'analyze' && args.includes('--conversation');
const [command, file, ...rest] = conversationMode ? args.filter((a) => a !== '--conversation') : args;
if ((command !== 'analyze' && command !== 'coach') || rest.length > 0) {
  console.error(USAGE);
  process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
} else {
  try {
    if (command === 'analyze') await (conversationMode ? analyzeConversations(file) : analyze(file));
    else {
      const input = file === undefined || file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
      await runCoachCommand(input, process.stdout);
    }
  } catch (error) {
    console.error(`defuse: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
