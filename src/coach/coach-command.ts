import { createInterface } from 'node:readline';
import { type PlaybookStepId, playbookStepIds } from '../playbook/index.ts';
import { reviewReply } from './review-reply.ts';
import type { ReplyContext } from './types.ts';

export type CoachLine =
  | { kind: 'draft'; text: string; context: ReplyContext }
  | { kind: 'error'; error: string }
  | { kind: 'skip' };

const stringFields = [
  'customerLanguage',
  'customerCurrency',
  'customerName',
  'lastCustomerMessage',
  'insertedTemplate',
  'customerTimeZone',
] as const;

function readContext(value: unknown): ReplyContext | string {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return '"context" must be an object';
  const raw = value as Record<string, unknown>;
  const context: ReplyContext = {};
  if (raw.customerHeat !== undefined) {
    if (
      typeof raw.customerHeat !== 'number' ||
      !Number.isFinite(raw.customerHeat) ||
      raw.customerHeat < 0 ||
      raw.customerHeat > 100
    )
      return '"context.customerHeat" must be a number from 0 to 100';
    context.customerHeat = raw.customerHeat;
  }
  for (const field of stringFields) {
    if (raw[field] === undefined) continue;
    if (typeof raw[field] !== 'string') return `"context.${field}" must be a string`;
    context[field] = raw[field] as string;
  }
  if (raw.step !== undefined) {
    if (typeof raw.step !== 'string' || !(playbookStepIds as readonly string[]).includes(raw.step))
      return `"context.step" must be one of ${playbookStepIds.join(', ')}`;
    context.step = raw.step as PlaybookStepId;
  }
  if (raw.now !== undefined) {
    if (typeof raw.now !== 'string' && typeof raw.now !== 'number')
      return '"context.now" must be an ISO-8601 string or epoch milliseconds';
    context.now = raw.now;
  }
  return context;
}

/** One input line: a plain draft, or a JSON object `{ "text": "...", "context": { ... } }`. Blank lines are skipped. */
export function parseCoachLine(line: string): CoachLine {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'skip' };
  if (!trimmed.startsWith('{')) return { kind: 'draft', text: line, context: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    return { kind: 'error', error: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { kind: 'error', error: 'a JSON line must be an object' };
  const record = parsed as Record<string, unknown>;
  if (typeof record.text !== 'string') return { kind: 'error', error: 'a JSON line needs a "text" string' };
  const context = readContext(record.context);
  if (typeof context === 'string') return { kind: 'error', error: context };
  return { kind: 'draft', text: record.text, context };
}

function write(output: NodeJS.WritableStream, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = output.write(`${line}\n`, (error) => {
      if (error) reject(error);
    });
    if (ok) resolve();
    else output.once('drain', () => resolve());
  });
}

/**
 * `defuse coach [FILE]`: reads drafts, one per line (plain text or JSON lines with `text` and an
 * optional `context`), and writes one JSON line per draft: `{ findings, strengths, scores }`.
 * A line that cannot be read gives `{ "error": "...", "line": n }` and the rest still runs.
 */
export async function runCoachCommand(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of lines) {
    number++;
    const parsed = parseCoachLine(line);
    if (parsed.kind === 'skip') continue;
    if (parsed.kind === 'error') {
      await write(output, JSON.stringify({ error: parsed.error, line: number }));
      continue;
    }
    const review = reviewReply(parsed.text, parsed.context);
    await write(output, JSON.stringify({ findings: review.findings, strengths: review.strengths, scores: review.scores }));
  }
}
