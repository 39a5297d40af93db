import type { ConversationReading } from '../api/types';

/** The same reading after `by` earlier messages were put in front of the loaded timeline. */
export function shiftReading(reading: ConversationReading | undefined, by: number): ConversationReading | undefined {
  if (!reading || by === 0) return reading;
  return {
    ...reading,
    trajectory: reading.trajectory.map((point) => ({ ...point, index: point.index + by })),
    peak: reading.peak ? { ...reading.peak, index: reading.peak.index + by } : null,
    feelsUnheard: {
      ...reading.feelsUnheard,
      evidence: reading.feelsUnheard.evidence.map((item) => ({
        ...item,
        index: item.index + by,
        repeatsIndex: item.repeatsIndex + by,
      })),
    },
    deEscalation: {
      ...reading.deEscalation,
      events: reading.deEscalation.events.map((event) => ({ ...event, agentIndex: event.agentIndex + by })),
    },
  };
}
