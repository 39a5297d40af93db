import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCoachLine, runCoachCommand } from './coach-command.ts';

async function run(input: string): Promise<unknown[]> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await runCoachCommand(Readable.from([input]), output);
  return Buffer.concat(chunks)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('defuse coach', () => {
  it('reviews plain lines and JSON lines, one result per draft, and reports a bad line without stopping', async () => {
    const results = await run(
      [
        'Calm down, the refund is coming.',
        '',
        JSON.stringify({ text: 'We refunded €20 today.', context: { customerCurrency: 'RON', customerHeat: 80 } }),
        '{"text": broken',
        JSON.stringify({ text: 'Fine.', context: { customerHeat: 'hot' } }),
        JSON.stringify({ text: "I'll call you tomorrow at 10:00." }),
      ].join('\n'),
    );
    expect(results).toHaveLength(5);
    const [first, second, third, fourth, fifth] = results as Record<string, unknown>[];
    const kindsOf = (result: Record<string, unknown> | undefined) =>
      ((result?.findings ?? []) as { kind: string }[]).map((finding) => finding.kind);
    expect(Object.keys(first ?? {})).toEqual(['findings', 'strengths', 'scores']);
    expect(kindsOf(first)).toContain('condescension');
    expect(kindsOf(second)).toContain('wrong-currency');
    expect(third).toMatchObject({ line: 4 });
    expect(String(third?.error)).toMatch(/not valid JSON/);
    expect(fourth).toMatchObject({ line: 5, error: '"context.customerHeat" must be a number from 0 to 100' });
    expect((fifth?.scores as { resolution: { score: number } } | undefined)?.resolution.score).toBeGreaterThan(60);
  });

  it('explains what a JSON line needs', () => {
    expect(parseCoachLine('{"draft": "hi"}')).toEqual({ kind: 'error', error: 'a JSON line needs a "text" string' });
    expect(parseCoachLine('[1]')).toMatchObject({ kind: 'draft' });
    expect(parseCoachLine('{"text": "hi", "context": {"step": "nap"}}')).toMatchObject({ kind: 'error' });
    expect(parseCoachLine('   ')).toEqual({ kind: 'skip' });
  });
});
