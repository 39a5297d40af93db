import { describe, expect, it } from 'vitest';
import { outboundHeaders, senderName } from './outbound-mail.ts';
import { decryptSecret, encryptSecret, parseSecretKey } from './secret-box.ts';
import {
  conversationNumberFromSubject,
  messageIdsIn,
  replyReferences,
  replySubject,
  synthesizeMessageId,
  threadingCandidates,
} from './threading.ts';

describe('threading keys', () => {
  it('looks up In-Reply-To first, then References from newest to oldest', () => {
    expect(threadingCandidates('<c@x>', '<a@x> <b@x>\r\n <c@x>')).toEqual(['<c@x>', '<b@x>', '<a@x>']);
    expect(messageIdsIn(['<a@x>', '<b@x>'])).toEqual(['<a@x>', '<b@x>']);
    expect(messageIdsIn('')).toEqual([]);
  });

  it('finds the conversation token in a subject and writes one "Re:" and one token', () => {
    expect(conversationNumberFromSubject('Re: Fwd: Broken kettle [#1042]')).toBe(1042);
    expect(conversationNumberFromSubject('Order #1042')).toBeNull();
    expect(replySubject('RE: AW: Re: Broken kettle [#1042]', 1042)).toBe('Re: Broken kettle [#1042]');
    expect(replySubject('', 7)).toBe('Re: (no subject) [#7]');
  });

  it('synthesises the same Message-ID for the same bytes and another for other bytes', () => {
    expect(synthesizeMessageId('hello')).toBe(synthesizeMessageId(Buffer.from('hello')));
    expect(synthesizeMessageId('hello')).not.toBe(synthesizeMessageId('hello!'));
  });

  it('builds References from the parent and keeps them bounded', () => {
    expect(replyReferences(['<a@x>'], '<b@x>')).toEqual(['<a@x>', '<b@x>']);
    const many = Array.from({ length: 40 }, (_, index) => `<m${index}@x>`);
    const bounded = replyReferences(many, '<last@x>');
    expect(bounded).toHaveLength(20);
    expect(bounded[0]).toBe('<m0@x>');
    expect(bounded.at(-1)).toBe('<last@x>');
  });
});

describe('outbound headers', () => {
  it('names the agent and the company, and marks only automatic mail as auto-submitted', () => {
    expect(senderName('Ana Pop', 'Brightwell')).toBe('Ana Pop from Brightwell');
    expect(senderName('Ana "<x>"', '')).toBe('Ana x');
    expect(outboundHeaders(12, false)).toEqual({ 'Auto-Submitted': 'no', 'X-Defuse-Conversation': '12' });
    expect(outboundHeaders(null, true)).toEqual({ 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' });
  });
});

describe('credentials at rest', () => {
  it('seals with AES-256-GCM and refuses a wrong key or a tampered value', () => {
    const key = parseSecretKey('0f'.repeat(32));
    const other = parseSecretKey(Buffer.alloc(32, 7).toString('base64'));
    if (!key || !other) throw new Error('keys must parse');
    const sealed = encryptSecret(key, 'smtp://user:hunter2@mail.example.org');
    expect(sealed).not.toContain('hunter2');
    expect(decryptSecret(key, sealed)).toBe('smtp://user:hunter2@mail.example.org');
    expect(() => decryptSecret(other, sealed)).toThrow();
    expect(() => decryptSecret(key, `${sealed.slice(0, -2)}AA`)).toThrow();
    expect(parseSecretKey('too-short')).toBeNull();
  });
});
