import type pg from 'pg';
import { newId } from '../ids.ts';
import { type BusEvent, type EventBus, type EventListener, InProcessEventBus } from './event-bus.ts';

const channel = 'defuse_events';
// PostgreSQL caps a NOTIFY payload at 8000 bytes; larger events travel as a marker the
// receiving screens answer by re-fetching (`refetch: true`).
const maxPayloadBytes = 7800;

/**
 * Several stateless Defuse nodes share one PostgreSQL: every node LISTENs, publishes with
 * NOTIFY, and delivers its own events locally at once (skipping its own echo).
 */
export class PostgresEventBus<Event extends BusEvent> implements EventBus<Event> {
  private readonly local = new InProcessEventBus<Event>();
  private readonly nodeId = newId();
  private listenClient: pg.PoolClient | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly shrink: (event: Event) => Event,
  ) {}

  async start(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', (notification) => {
      if (notification.channel !== channel || !notification.payload) return;
      const envelope = JSON.parse(notification.payload) as { node: string; event: Event };
      if (envelope.node !== this.nodeId) this.local.deliver(envelope.event);
    });
    await client.query(`LISTEN ${channel}`);
    this.listenClient = client;
  }

  async publish(event: Event): Promise<void> {
    this.local.deliver(event);
    let payload = JSON.stringify({ node: this.nodeId, event });
    if (Buffer.byteLength(payload) > maxPayloadBytes) {
      payload = JSON.stringify({ node: this.nodeId, event: this.shrink(event) });
    }
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  subscribe(listener: EventListener<Event>): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.local.close();
    if (this.listenClient) {
      await this.listenClient.query(`UNLISTEN ${channel}`).catch(() => undefined);
      this.listenClient.release();
      this.listenClient = null;
    }
  }
}
