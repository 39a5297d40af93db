import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runCli(argumentsList: string[], input: string) {
  const result = spawnSync(process.execPath, ['bin/defuse.js', ...argumentsList], { input, encoding: 'utf8', timeout: 60_000 });
  return {
    status: result.status,
    lines: result.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

describe('the defuse command line', () => {
  it('analyze writes one JSON result per input line, and an error line for malformed JSON', () => {
    const { status, lines } = runCli(
      ['analyze'],
      [
        'You useless idiots, refund me now!',
        '{"text": "Thanks, all sorted.", "context": {"unansweredCustomerMessages": 0}}',
        '{not json',
      ].join('\n'),
    );
    expect(status).toBe(0);
    expect(lines).toHaveLength(3);
    expect(lines[0].abuse.insult.detected).toBe(true);
    expect(lines[0].intents.refund.detected).toBe(true);
    expect(lines[0].heat).toBeGreaterThan(lines[1].heat);
    expect(lines[1].emotions.satisfaction).toHaveProperty('score');
    expect(lines[2]).toMatchObject({ line: 3 });
    expect(lines[2].error).toBeTypeOf('string');
  });

  it('coach reviews each draft with findings, spans and rubric scores', () => {
    const { status, lines } = runCli(
      ['coach'],
      [
        'Calm down, you should have read the FAQ.',
        '{"text": "I am so sorry this happened. I will refund 20 EUR by Friday 12:00.", "context": {"customerCurrency": "RON"}}',
      ].join('\n'),
    );
    expect(status).toBe(0);
    const kinds = lines[0].findings.map((finding: { kind: string }) => finding.kind);
    expect(kinds).toEqual(expect.arrayContaining(['condescension', 'blame']));
    expect(lines[0].findings[0].start).toBe(0);
    expect(lines[1].findings.map((finding: { kind: string }) => finding.kind)).toContain('wrong-currency');
    expect(Object.keys(lines[1].scores).sort()).toEqual(['clarity', 'empathy', 'ownership', 'professionalism', 'resolution']);
  });

  it('analyze --conversation reads whole conversations: the case stays hot while the customer waits', () => {
    const abusive = 'You useless idiots charged me twice! I am calling my lawyer and posting this everywhere!!!';
    const { status, lines } = runCli(
      ['analyze', '--conversation'],
      [
        JSON.stringify({
          messages: [
            { from: 'customer', text: abusive },
            { from: 'customer', text: 'still nothing. Hello??' },
          ],
        }),
        JSON.stringify({
          messages: [
            { from: 'customer', text: abusive, at: '2026-01-01T10:00:00Z' },
            {
              from: 'agent',
              text: 'I am so sorry, I understand. I have refunded the double charge today and will email you the receipt.',
              at: '2026-01-01T10:05:00Z',
            },
            { from: 'customer', text: 'Thank you, that is great, all sorted.', at: '2026-01-01T10:20:00Z' },
          ],
        }),
        '{"messages": [{"from": "boss", "text": "hi"}]}',
        '{not json',
      ].join('\n'),
    );
    expect(status).toBe(0);
    expect(lines).toHaveLength(4);
    const [waiting, settled, badRole, badJson] = lines;
    expect(waiting.heat).toBeGreaterThanOrEqual(waiting.trajectory[0]);
    expect(waiting.trajectory[1]).toBeLessThan(waiting.trajectory[0]);
    expect(waiting.peak).toBeGreaterThanOrEqual(waiting.heat);
    expect(['escalating', 'steady']).toContain(waiting.trend);
    expect(waiting.category).toBe('billing');
    expect(waiting.intents).toEqual(expect.arrayContaining(['legal_threat', 'public_shaming']));
    expect(waiting.feelsUnheard).toHaveProperty('detected');
    expect(settled.trend).toBe('cooling');
    expect(settled.heat).toBeLessThan(20);
    expect(badRole).toMatchObject({ line: 3 });
    expect(badRole.error).toContain('messages[0]');
    expect(badJson).toMatchObject({ line: 4 });
  });

  it('explains its usage for an unknown command', () => {
    const result = spawnSync(process.execPath, ['bin/defuse.js', 'dance'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: defuse analyze');
  });
});
