import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../channels/chat/domain/frames.ts';
import { findFlawedText, scrubDeep, scrubText, textFlawOf } from './text-policy.ts';

describe('text policy', () => {
  it('finds NUL and unpaired surrogates, and accepts everything else', () => {
    expect(textFlawOf('a\u0000b')).toBe('nul');
    expect(textFlawOf('a\ud800b')).toBe('lone-surrogate');
    expect(textFlawOf('a\udc00')).toBe('lone-surrogate');
    expect(textFlawOf('\udc00\ud800')).toBe('lone-surrogate');
    expect(textFlawOf('ok 😀 \u0001 ünï')).toBeNull();
  });

  it('reports the path of each flawed string, keys included, and the line of multi-line text', () => {
    expect(findFlawedText({ a: { b: ['ok', 'x\u0000'] }, 'k\ud800': 1, c: 'l1\nl2\u0000' })).toEqual([
      { path: ['a', 'b', '1'], flaw: 'nul' },
      { path: ['k\ufffd'], flaw: 'lone-surrogate' },
      { path: ['c'], flaw: 'nul', line: 2 },
    ]);
    expect(findFlawedText('csv,\nrow\u0000')).toEqual([{ path: [], flaw: 'nul', line: 2 }]);
    expect(findFlawedText({ fine: ['😀', 1, null, true] })).toEqual([]);
  });

  it('scrubs text it must keep: NUL dropped, lone surrogates replaced, pairs kept', () => {
    expect(scrubText('a\u0000b\ud800c😀')).toBe('ab\ufffdc😀');
    const buffer = Buffer.from([0, 1]);
    const scrubbed = scrubDeep({ s: 'x\u0000', list: ['\udc00'], buffer });
    expect(scrubbed).toEqual({ s: 'x', list: ['\ufffd'], buffer });
    expect(scrubbed.buffer).toBe(buffer);
  });

  it('scrubs chat widget frames (they bypass HTTP) instead of failing', () => {
    const frame = parseClientFrame(JSON.stringify({ type: 'message', clientId: 'abcdef', body: 'hi\u0000 \ud800there' }), false);
    expect(frame).toEqual({ type: 'message', clientId: 'abcdef', body: 'hi \ufffdthere' });
  });
});
