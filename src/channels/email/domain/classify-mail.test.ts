import { describe, expect, it } from 'vitest';
import { type ClassificationInput, classifyMail, isOwnMessageId } from './classify-mail.ts';
import { headerBagFrom } from './headers.ts';

function input(headers: Record<string, string>, overrides: Partial<ClassificationInput> = {}): ClassificationInput {
  return {
    headers: headerBagFrom(Object.entries(headers).map(([key, value]) => ({ key: key.toLowerCase(), line: `${key}: ${value}` }))),
    contentType: 'text/plain',
    messageId: '<abc@example.org>',
    fromAddress: 'dana@example.org',
    subject: 'Where is my order?',
    supportAddresses: ['support@brightwell.test'],
    ownMessageIdDomain: 'brightwell.test',
    ...overrides,
  };
}

describe('auto-reply, bounce, list and loop detection', () => {
  it('treats an ordinary mail as written by a person, also with Auto-Submitted: no', () => {
    expect(classifyMail(input({})).kind).toBe('customer');
    expect(classifyMail(input({ 'Auto-Submitted': 'no' })).kind).toBe('customer');
  });

  it('recognises RFC 3834 Auto-Submitted, X-Autoreply, X-Autorespond, Precedence auto_reply and vacation subjects', () => {
    expect(classifyMail(input({ 'Auto-Submitted': 'auto-replied' })).kind).toBe('auto-reply');
    expect(classifyMail(input({ 'Auto-Submitted': 'auto-generated (failure)' })).kind).toBe('auto-reply');
    expect(classifyMail(input({ 'X-Autoreply': 'yes' })).kind).toBe('auto-reply');
    expect(classifyMail(input({ 'X-Autorespond': 'Out of office' })).kind).toBe('auto-reply');
    expect(classifyMail(input({ Precedence: 'auto_reply' })).kind).toBe('auto-reply');
    expect(classifyMail(input({}, { subject: 'Automatic reply: Re: Where is my order? [#12]' })).kind).toBe('auto-reply');
    expect(classifyMail(input({}, { subject: 'Abwesenheitsnotiz: Bestellung' })).kind).toBe('auto-reply');
    expect(classifyMail(input({}, { subject: 'Réponse automatique : commande' })).kind).toBe('auto-reply');
  });

  it('recognises bounces: multipart/report, empty Return-Path, null envelope sender, mailer-daemon', () => {
    expect(classifyMail(input({}, { contentType: 'multipart/report' })).kind).toBe('bounce');
    expect(classifyMail(input({ 'Return-Path': '<>' })).kind).toBe('bounce');
    expect(classifyMail(input({}, { envelopeSender: '' })).kind).toBe('bounce');
    expect(classifyMail(input({}, { fromAddress: 'MAILER-DAEMON@mx.example.org' })).kind).toBe('bounce');
  });

  it('recognises list and bulk mail: Precedence bulk/list/junk and List-Id', () => {
    for (const precedence of ['bulk', 'list', 'junk']) expect(classifyMail(input({ Precedence: precedence })).kind).toBe('list');
    expect(classifyMail(input({ 'List-Id': '<deals.shop.example>' })).kind).toBe('list');
    expect(classifyMail(input({ 'List-Unsubscribe': '<mailto:unsubscribe@shop.example>' })).kind).toBe('list');
  });

  it('recognises our own mail coming back: our Message-ID domain or one of our support addresses as sender', () => {
    expect(classifyMail(input({}, { messageId: '<defuse.0193@brightwell.test>' })).kind).toBe('loop');
    expect(classifyMail(input({}, { fromAddress: 'Support@Brightwell.test' })).kind).toBe('loop');
    expect(isOwnMessageId('<defuse.x@other.test>', 'brightwell.test')).toBe(false);
    expect(isOwnMessageId('<x@brightwell.test>', 'brightwell.test')).toBe(false);
  });
});
