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
