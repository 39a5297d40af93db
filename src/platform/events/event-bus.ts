/**
 * Fan-out of committed domain events to every node's listeners (realtime sockets, later mail and
 * notifications). Publish only after the transaction that wrote the change has committed.
 */
export interface BusEvent {
  type: string;
}

export type EventListener<Event extends BusEvent> = (event: Event) => void;

export interface EventBus<Event extends BusEvent> {
  publish(event: Event): Promise<void>;
  subscribe(listener: EventListener<Event>): () => void;
  close(): Promise<void>;
}

/** Delivers to listeners of this process only: the SQLite (single node) implementation. */
export class InProcessEventBus<Event extends BusEvent> implements EventBus<Event> {
  private readonly listeners = new Set<EventListener<Event>>();

  async publish(event: Event): Promise<void> {
    this.deliver(event);
  }

  /** Used by bus implementations that receive events from other nodes. */
  deliver(event: Event): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop the others; listeners log their own failures.
      }
    }
  }

  subscribe(listener: EventListener<Event>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
