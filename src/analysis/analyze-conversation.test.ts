import { describe, expect, it } from 'vitest';
import { analyzeConversation, type ConversationEntry } from './index.ts';

const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00Z`;

describe('analyzeConversation', () => {
  it('reports an escalating trend and the peak', () => {
    const entries: ConversationEntry[] = [
      { kind: 'customer', text: 'Hi, where is my order?', at: at(0) },
      { kind: 'agent', text: 'Let me check.', at: at(1) },
      { kind: 'customer', text: 'It STILL has not arrived!!! This is ridiculous, I want a refund.', at: at(2) },
      { kind: 'customer', text: 'You idiots, I am calling my lawyer and posting this on Twitter!!!', at: at(3) },
    ];
    const r = analyzeConversation(entries);
    expect(r.trajectory).toHaveLength(3);
    expect(r.trend).toBe('escalating');
    expect(r.peak?.index).toBe(3);
    expect(r.abusive).toBe(true);
    expect(r.intents).toContain('legal_threat');
  });
  it('reports cooling and credits the agent whose reply lowered the heat', () => {
    const entries: ConversationEntry[] = [
      {
        kind: 'customer',
        text: 'This is UNACCEPTABLE!!! You charged me twice and nobody answers, I want a refund NOW',
        at: at(0),
      },
      { kind: 'note', text: 'checking billing', at: at(1) },
      { kind: 'agent', text: 'I am sorry, I have refunded the duplicate charge.', at: at(2) },
      { kind: 'customer', text: 'Thank you, that is great.', at: at(3) },
    ];
    const r = analyzeConversation(entries);
    expect(r.trend).toBe('cooling');
    expect(r.deEscalation.credit).toBeGreaterThan(0);
    expect(r.deEscalation.events[0]?.agentIndex).toBe(2);
  });
  it('detects "feels unheard": the same complaint repeated after an agent reply', () => {
    const entries: ConversationEntry[] = [
      { kind: 'customer', text: 'My router keeps disconnecting every evening, it is broken.', at: at(0) },
      { kind: 'agent', text: 'Please restart it.', at: at(1) },
      { kind: 'customer', text: 'I told you, my router keeps disconnecting every evening. It is still broken!', at: at(2) },
    ];
    const r = analyzeConversation(entries);
    expect(r.feelsUnheard.detected).toBe(true);
    expect(r.feelsUnheard.evidence[0]).toMatchObject({ index: 2, repeatsIndex: 0 });
  });
  it('a different follow-up after a reply is not "unheard", and empty conversations are steady', () => {
    const r = analyzeConversation([
      { kind: 'customer', text: 'My router keeps disconnecting, it is broken.', at: at(0) },
      { kind: 'agent', text: 'A new one is on its way.', at: at(1) },
      { kind: 'customer', text: 'Thanks! Can I also change my billing address?', at: at(2) },
    ]);
    expect(r.feelsUnheard.detected).toBe(false);
    const empty = analyzeConversation([]);
    expect(empty.trend).toBe('steady');
    expect(empty.peak).toBeNull();
  });
});

describe('the case remembers (case heat rules)', () => {
  const abusive =
    'You useless idiots, this is the third time I write about the double charge. I am calling my lawyer and will post this everywhere!!!';

  it('keeps an abusive case hot when the customer follows up briefly, unanswered', () => {
    const r = analyzeConversation([
      { kind: 'customer', text: abusive, at: at(0) },
      { kind: 'customer', text: 'still nothing. Hello??', at: at(5) },
    ]);
    const first = r.trajectory[0]?.heat ?? 0;
    expect(first).toBeGreaterThanOrEqual(60);
    // the short follow-up alone is mild; the case is not
    expect(r.trajectory[1]?.heat ?? 100).toBeLessThan(first);
    expect(r.currentHeat).toBeGreaterThan(first);
    expect(r.trend).not.toBe('cooling');
    expect(r.category.name).toBe('billing');
  });

  it('raises the heat with each unanswered message', () => {
    const one = analyzeConversation([{ kind: 'customer', text: 'My parcel still has not arrived.', at: at(0) }]);
    const three = analyzeConversation([
      { kind: 'customer', text: 'My parcel still has not arrived.', at: at(0) },
      { kind: 'customer', text: 'Any news?', at: at(10) },
      { kind: 'customer', text: 'Hello?', at: at(20) },
    ]);
    expect(three.currentHeat).toBeGreaterThan(one.currentHeat);
  });

  it('cools only on a de-escalating reply, not on any reply', () => {
    const base: ConversationEntry[] = [{ kind: 'customer', text: abusive, at: at(0) }];
    const curt = analyzeConversation([...base, { kind: 'agent', text: 'Noted.', at: at(1) }]);
    const good = analyzeConversation([
      ...base,
      {
        kind: 'agent',
        text: 'I am sorry, I understand how frustrating a double charge is. I have refunded it today and I will email you the confirmation.',
        at: at(1),
      },
    ]);
    const start = curt.trajectory[0]?.heat ?? 0;
    expect(curt.currentHeat).toBe(start);
    expect(good.currentHeat).toBeLessThan(start);
    expect(good.trend).toBe('cooling');
  });

  it('drops when the customer says it is settled, and decays with time after an answer', () => {
    const settled = analyzeConversation([
      { kind: 'customer', text: abusive, at: at(0) },
      { kind: 'agent', text: 'Done.', at: at(1) },
      { kind: 'customer', text: 'Thank you, that is great, all sorted now.', at: at(2) },
    ]);
    expect(settled.currentHeat).toBeLessThan(20);
    const later = analyzeConversation([
      { kind: 'customer', text: abusive, at: '2025-01-01T10:00:00Z' },
      { kind: 'agent', text: 'Noted.', at: '2025-01-01T10:05:00Z' },
      { kind: 'customer', text: 'Any update?', at: '2025-01-04T10:05:00Z' },
    ]);
    expect(later.currentHeat).toBeLessThan((later.trajectory[0]?.heat ?? 0) / 2);
  });

  it('takes the topic from the whole case, not from a short follow-up', () => {
    const r = analyzeConversation([
      { kind: 'customer', text: 'I was charged twice on my invoice for the same order.', at: at(0) },
      { kind: 'agent', text: 'Checking.', at: at(1) },
      { kind: 'customer', text: 'ok?', at: at(2) },
    ]);
    expect(r.category.name).toBe('billing');
  });
});
