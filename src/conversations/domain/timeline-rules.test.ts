import { describe, expect, it } from 'vitest';
import { previewOf, subjectFor } from './conversation.ts';
import { afterMessage, afterStatusChange, describeChange } from './timeline-rules.ts';

describe('waiting state', () => {
  it('starts the wait at the first unanswered customer message and keeps it', () => {
    const first = afterMessage({ status: 'open', waitingSince: null }, 'customer', 'T1');
    expect(first).toEqual({ status: 'open', waitingSince: 'T1' });
    expect(afterMessage(first, 'customer', 'T2').waitingSince).toBe('T1');
  });

  it('ends the wait with an agent reply but not with a note or system event', () => {
    const waiting = { status: 'open' as const, waitingSince: 'T1' };
    expect(afterMessage(waiting, 'note', 'T2')).toEqual(waiting);
    expect(afterMessage(waiting, 'system', 'T2')).toEqual(waiting);
    expect(afterMessage(waiting, 'agent', 'T2').waitingSince).toBeNull();
  });

  it('reopens a pending case when the customer writes, but leaves an escalated one escalated', () => {
    expect(afterMessage({ status: 'pending', waitingSince: null }, 'customer', 'T').status).toBe('open');
    expect(afterMessage({ status: 'escalated', waitingSince: null }, 'customer', 'T').status).toBe('escalated');
  });

  it('clears the wait when a case is resolved or closed', () => {
    expect(afterStatusChange({ status: 'open', waitingSince: 'T1' }, 'resolved').waitingSince).toBeNull();
    expect(afterStatusChange({ status: 'open', waitingSince: 'T1' }, 'escalated').waitingSince).toBe('T1');
  });
});

describe('timeline words', () => {
  it('describes each change in plain words', () => {
    expect(describeChange({ status: { from: 'open', to: 'resolved' }, assignee: { from: 'Ana', to: null } }, 'Marta')).toEqual([
      'Marta changed the status from open to resolved.',
      'Marta unassigned Ana.',
    ]);
  });

  it('cuts a long preview at a word and collapses whitespace', () => {
    const body = `Hello\n\n   there ${'word '.repeat(60)}`;
    const preview = previewOf(body);
    expect(preview.startsWith('Hello there word')).toBe(true);
    expect(preview.length).toBeLessThanOrEqual(161);
    expect(preview.endsWith('…')).toBe(true);
  });

  it('derives a subject from the first line when the channel gives none', () => {
    expect(subjectFor(undefined, '\n  My parcel is lost\nmore')).toBe('My parcel is lost');
    expect(subjectFor('  Refund   please ', 'x')).toBe('Refund please');
    expect(subjectFor(undefined, '   ')).toBe('(no subject)');
  });
});
