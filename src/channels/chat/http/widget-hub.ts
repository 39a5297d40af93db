import type { WebSocket } from 'ws';
import { AppError } from '../../../platform/errors.ts';
import { type DefuseEvent, mayReceive, type Viewer, viewForCustomer } from '../../../realtime/index.ts';
import type { ChatSessionRow } from '../db/chat-sessions.ts';
import { chatError } from '../domain/chat-errors.ts';
import { type ClientFrame, parseClientFrame } from '../domain/frames.ts';
import { type Bucket, type BucketRule, fullBucket, takeToken } from '../domain/token-bucket.ts';
import { type ChatSessions, visibleToSession } from '../use-cases/chat-sessions.ts';

/** Per visitor session: a burst of 10 messages, then one a second; other frames more freely. */
export const messageRate: BucketRule = { burst: 10, perSecond: 1 };
export const frameRate: BucketRule = { burst: 40, perSecond: 10 };
const maxBufferedBytes = 1024 * 1024;
const bucketIdleMs = 60_000;

interface LiveSession {
  row: ChatSessionRow;
  sockets: Set<WebSocket>;
  /** Frames of one session are handled in order, one at a time. */
  queue: Promise<void>;
}

interface Limits {
  messages: Bucket;
  frames: Bucket;
  usedMs: number;
}

export interface ChannelHealth {
  openSockets: number;
  lastMessageAt: string | null;
  lastError: { at: string; message: string } | null;
}

function send(socket: WebSocket, frame: unknown): void {
  if (socket.readyState !== socket.OPEN) return;
  // A widget that cannot keep up is dropped; it reconnects and resumes from its last message.
  if (socket.bufferedAmount > maxBufferedBytes) {
    socket.terminate();
    return;
  }
  socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
}

export function errorFrame(error: unknown, extra: Record<string, unknown> = {}) {
  if (error instanceof AppError) return { type: 'error', code: error.code, detail: error.message, ...extra };
  return { type: 'error', code: 'internal-error', detail: 'Something went wrong on our side; please try again.', ...extra };
}

/** The widget sockets of this node: frames in, conversation events out (filtered by the audience rule). */
export class WidgetHub {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly byConversation = new Map<string, Set<LiveSession>>();
  private readonly limits = new Map<string, Limits>();
  private readonly unsubscribe: () => void;
  private readonly sweeper: NodeJS.Timeout;
  readonly health: ChannelHealth = { openSockets: 0, lastMessageAt: null, lastError: null };

  constructor(private readonly chat: ChatSessions) {
    this.unsubscribe = chat.deps.events.subscribe((event) => this.onEvent(event));
    this.sweeper = setInterval(() => this.sweep(), bucketIdleMs);
    this.sweeper.unref();
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.sweeper);
    for (const live of this.sessions.values()) for (const socket of live.sockets) socket.close(1001, 'server shutting down');
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, limits] of this.limits) if (now - limits.usedMs > bucketIdleMs) this.limits.delete(id);
  }

  private limitsOf(sessionId: string): Limits {
    let limits = this.limits.get(sessionId);
    if (!limits) {
      const now = Date.now();
      limits = { messages: fullBucket(messageRate, now), frames: fullBucket(frameRate, now), usedMs: now };
      this.limits.set(sessionId, limits);
    }
    return limits;
  }

  private index(live: LiveSession): void {
    const conversationId = live.row.conversation_id;
    if (!conversationId) return;
    let set = this.byConversation.get(conversationId);
    if (!set) {
      set = new Set();
      this.byConversation.set(conversationId, set);
    }
    set.add(live);
  }

  private unindex(live: LiveSession, conversationId: string | null): void {
    if (!conversationId) return;
    const set = this.byConversation.get(conversationId);
    set?.delete(live);
    if (set?.size === 0) this.byConversation.delete(conversationId);
  }

  private onEvent(event: DefuseEvent): void {
    const watchers = 'conversationId' in event ? this.byConversation.get(event.conversationId) : undefined;
    if (!watchers) return;
    if (event.type === 'chat.typing' || event.type === 'chat.read') {
      if (event.by !== 'agent') return;
      const frame =
        event.type === 'chat.typing'
          ? { type: 'typing', by: 'agent', typing: event.typing }
          : { type: 'read', by: 'agent', messageId: event.messageId, at: event.at };
      for (const live of watchers) for (const socket of live.sockets) send(socket, frame);
      return;
    }
    if (event.type !== 'message.created') return;
    for (const live of watchers) {
      const viewer: Viewer = {
        kind: 'customer',
        customerId: live.row.customer_id ?? '',
        conversationId: live.row.conversation_id ?? '',
      };
      if (!mayReceive(viewer, event) || !visibleToSession(live.row, event.message)) continue;
      const { message } = viewForCustomer(event);
      const prefix = `${live.row.id}:`;
      const clientId = event.message.externalId?.startsWith(prefix) ? event.message.externalId.slice(prefix.length) : undefined;
      // Across nodes a long body arrives cut short: the widget fetches it whole.
      const partial = event.refetch === true && event.message.body.length >= 2000;
      const frame = JSON.stringify({ type: 'message', message: { ...message, ...(clientId ? { clientId } : {}) }, partial });
      for (const socket of live.sockets) send(socket, frame);
    }
  }

  /** After the session changed elsewhere (verified, its case moved): re-read it for this node's sockets. */
  async refresh(sessionId: string): Promise<void> {
    const live = this.sessions.get(sessionId);
    if (!live) return;
    const before = live.row.conversation_id;
    await this.chat.refresh(live.row);
    if (before !== live.row.conversation_id) {
      this.unindex(live, before);
      this.index(live);
    }
  }

  /** A socket whose token has been checked: keep it, answer its frames. */
  attach(socket: WebSocket, row: ChatSessionRow, expiresAt: string, early: Array<[Buffer, boolean]> = []): void {
    let live = this.sessions.get(row.id);
    if (!live) {
      live = { row, sockets: new Set(), queue: Promise.resolve() };
      this.sessions.set(row.id, live);
      this.index(live);
    }
    live.sockets.add(socket);
    this.health.openSockets += 1;
    const session = live;
    socket.on('message', (data, isBinary) => this.onFrame(session, socket, data as Buffer, isBinary));
    socket.on('close', () => {
      this.health.openSockets -= 1;
      session.sockets.delete(socket);
      if (session.sockets.size === 0) {
        this.sessions.delete(session.row.id);
        this.unindex(session, session.row.conversation_id);
      }
    });
    send(socket, {
      type: 'ready',
      sessionId: row.id,
      conversationId: row.conversation_id,
      customerReadMessageId: row.customer_read_message_id,
      agentReadMessageId: row.agent_read_message_id,
      expiresAt,
    });
    for (const [data, isBinary] of early) this.onFrame(session, socket, data, isBinary);
  }

  private onFrame(live: LiveSession, socket: WebSocket, data: Buffer, isBinary: boolean): void {
    let frame: ClientFrame;
    const limits = this.limitsOf(live.row.id);
    limits.usedMs = Date.now();
    try {
      frame = parseClientFrame(data, isBinary);
      const overall = takeToken(limits.frames, frameRate, limits.usedMs);
      if (!overall.allowed) {
        throw chatError('rate-limited', `Too many frames; wait ${overall.retryAfterMs} ms.`);
      }
    } catch (error) {
      send(socket, errorFrame(error));
      return;
    }
    if (frame.type === 'ping') {
      send(socket, { type: 'pong' });
      return;
    }
    if (frame.type === 'message') {
      const allowed = takeToken(limits.messages, messageRate, limits.usedMs);
      if (!allowed.allowed) {
        send(
          socket,
          errorFrame(
            chatError(
              'rate-limited',
              `You are sending messages too quickly; try again in ${Math.ceil(allowed.retryAfterMs / 1000)} s.`,
            ),
            { clientId: frame.clientId, retryAfterMs: allowed.retryAfterMs },
          ),
        );
        return;
      }
    }
    const work = () => this.handle(live, socket, frame);
    live.queue = live.queue.then(work, work).catch((error: unknown) => {
      this.health.lastError = { at: new Date().toISOString(), message: error instanceof Error ? error.message : String(error) };
      send(socket, errorFrame(error, frame.type === 'message' ? { clientId: frame.clientId } : {}));
    });
  }

  private async handle(live: LiveSession, socket: WebSocket, frame: ClientFrame): Promise<void> {
    const chat = this.chat;
    switch (frame.type) {
      case 'message': {
        const before = live.row.conversation_id;
        const result = await chat.send(live.row, frame.clientId, frame.body);
        this.health.lastMessageAt = new Date().toISOString();
        if (result.conversationChanged) {
          this.unindex(live, before);
          this.index(live);
          for (const other of live.sockets) {
            send(other, { type: 'conversation', conversationId: live.row.conversation_id });
            // The event for this first message went out before this session watched the conversation.
            if (other !== socket) send(other, { type: 'message', message: result.message, partial: false });
          }
        }
        send(socket, { type: 'ack', clientId: frame.clientId, message: result.message, duplicate: result.duplicate });
        return;
      }
      case 'sync': {
        const messages = await chat.history(live.row, frame.after);
        send(socket, { type: 'history', after: frame.after ?? null, messages });
        return;
      }
      case 'typing': {
        if (!live.row.conversation_id) return;
        await chat.deps.events.publish({
          type: 'chat.typing',
          conversationId: live.row.conversation_id,
          by: 'customer',
          typing: frame.typing,
          name: null,
        });
        return;
      }
      case 'read': {
        const at = await chat.markReadByCustomer(live.row, frame.messageId);
        if (at && live.row.conversation_id) {
          await chat.deps.events.publish({
            type: 'chat.read',
            conversationId: live.row.conversation_id,
            by: 'customer',
            messageId: frame.messageId,
            at,
          });
        }
        return;
      }
      default:
        return;
    }
  }
}
