import { createHash, timingSafeEqual } from 'node:crypto';
import { getConversation, ingestInbound, type Message } from '../../../conversations/index.ts';
import { newId, newSecret } from '../../../platform/ids.ts';
import type { ChannelDeps } from '../../channel-deps.ts';
import { type ChatSessionRow, findLatestSignedSession, findSession } from '../db/chat-sessions.ts';
import { loadWidgetSettingsRow, type WidgetSettings } from '../db/widget-settings.ts';
import { chatError } from '../domain/chat-errors.ts';
import { originAllowed, parseOriginList } from '../domain/origins.ts';
import {
  type IdentityClaims,
  type SessionClaims,
  sessionKeyFrom,
  signSessionToken,
  verifyIdentityToken,
  verifySessionToken,
} from '../domain/tokens.ts';

export const widgetLanguages = ['en', 'de', 'fr', 'es', 'ro'] as const;

/** What a customer's widget may know of a timeline entry. */
export interface CustomerMessage {
  id: string;
  kind: 'customer' | 'agent';
  body: string;
  createdAt: string;
  /** The widget's own id for a message this session sent. */
  clientId?: string;
}

export interface StartSessionInput {
  identity?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  language?: string | undefined;
  resume?: { sessionId: string; key: string } | undefined;
}

export interface StartedSession {
  token: string;
  expiresAt: string;
  sessionId: string;
  resumeKey: string;
  conversationId: string | null;
  verification: 'signed' | 'email';
}

const settingsCacheMs = 5000;

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The external id a widget-sent message is stored under: unique per session, so ids of other visitors never collide. */
export function externalIdFor(sessionId: string, clientId: string): string {
  return `${sessionId}:${clientId}`;
}

/**
 * May this session's widget show a timeline entry? Only replies and customer messages of its own
 * conversation (the audience rule); a visitor who only gave an e-mail address (unverified) sees
 * only the customer messages they sent themselves, never others written under that address.
 */
export function visibleToSession(
  session: Pick<ChatSessionRow, 'id' | 'verification'>,
  message: Pick<Message, 'kind' | 'externalId'>,
): boolean {
  if (message.kind === 'agent') return true;
  if (message.kind !== 'customer') return false;
  if (session.verification === 'signed') return true;
  return message.externalId?.startsWith(`${session.id}:`) ?? false;
}

export function customerView(
  session: Pick<ChatSessionRow, 'id'>,
  message: Pick<Message, 'id' | 'kind' | 'body' | 'createdAt' | 'externalId'>,
): CustomerMessage {
  const view: CustomerMessage = {
    id: message.id,
    kind: message.kind as 'customer' | 'agent',
    body: message.body,
    createdAt: message.createdAt,
  };
  const prefix = `${session.id}:`;
  if (message.externalId?.startsWith(prefix)) view.clientId = message.externalId.slice(prefix.length);
  return view;
}

/** The chat channel's state and rules: settings, tokens, sessions, sending and history. */
export class ChatSessions {
  private cached: { at: number; settings: WidgetSettings; sessionKey: Buffer } | null = null;
  readonly configuredOrigins: string[];

  constructor(readonly deps: ChannelDeps) {
    this.configuredOrigins = parseOriginList(deps.config.WIDGET_ALLOWED_ORIGINS);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async current(): Promise<{ settings: WidgetSettings; sessionKey: Buffer }> {
    if (this.cached && Date.now() - this.cached.at < settingsCacheMs) return this.cached;
    const { settings, sessionSecret } = await loadWidgetSettingsRow(this.deps.db, this.now());
    const sessionKey = sessionKeyFrom(this.deps.config.WIDGET_SECRET || sessionSecret);
    this.cached = { at: Date.now(), settings, sessionKey };
    return this.cached;
  }

  forgetSettings(): void {
    this.cached = null;
  }

  async settings(): Promise<WidgetSettings> {
    return (await this.current()).settings;
  }

  async isOriginAllowed(origin: string | undefined, ownHost: string | undefined): Promise<boolean> {
    const { settings } = await this.current();
    return originAllowed(origin, [...this.configuredOrigins, ...settings.allowedOrigins], ownHost);
  }

  async checkOrigin(origin: string | undefined, ownHost: string | undefined): Promise<void> {
    if (!(await this.isOriginAllowed(origin, ownHost))) {
      throw chatError(
        'origin-not-allowed',
        `The widget is not allowed on ${origin}. An admin can add it to the allowed origins.`,
      );
    }
  }

  private async issue(session: ChatSessionRow, origin: string, newResumeKey: boolean): Promise<StartedSession> {
    const { sessionKey } = await this.current();
    const resumeKey = newSecret(24);
    const generation = Number(session.token_generation) + 1;
    const now = this.now();
    await this.deps.db
      .updateTable('chat_sessions')
      .set({
        token_generation: generation,
        last_seen_at: now,
        origin,
        ...(newResumeKey ? { resume_key_hash: hashKey(resumeKey) } : {}),
      })
      .where('id', '=', session.id)
      .execute();
    const ttlSeconds = this.deps.config.WIDGET_SESSION_TTL_MINUTES * 60;
    const exp = Math.floor(this.deps.clock.now().getTime() / 1000) + ttlSeconds;
    const claims: SessionClaims = { sid: session.id, gen: generation, origin, exp };
    return {
      token: signSessionToken(sessionKey, claims),
      expiresAt: new Date(exp * 1000).toISOString(),
      sessionId: session.id,
      // A resumed session keeps the key the browser already has; it is only shown when new.
      resumeKey: newResumeKey ? resumeKey : '',
      conversationId: session.conversation_id,
      verification: session.verification as 'signed' | 'email',
    };
  }

  private async create(
    input: { verification: 'signed' | 'email'; externalCustomerId: string | null; email: string; name: string | null },
    language: string,
    origin: string,
  ): Promise<StartedSession> {
    const now = this.now();
    const row: ChatSessionRow = {
      id: newId(),
      verification: input.verification,
      external_customer_id: input.externalCustomerId,
      email: input.email,
      name: input.name,
      language,
      origin,
      customer_id: null,
      conversation_id: null,
      resume_key_hash: '',
      token_generation: 0,
      customer_read_message_id: null,
      customer_read_at: null,
      agent_read_message_id: null,
      agent_read_at: null,
      created_at: now,
      last_seen_at: now,
    };
    await this.deps.db.insertInto('chat_sessions').values(row).execute();
    return this.issue(row, origin, true);
  }

  /**
   * Starts or resumes a visitor's session: with a resume key the browser kept, with an identity
   * token from the company's site, or anonymously with an e-mail address.
   */
  async start(input: StartSessionInput, origin: string): Promise<StartedSession> {
    const language = (widgetLanguages as readonly string[]).includes(input.language ?? '') ? (input.language as string) : 'en';
    let identity: IdentityClaims | null = null;
    if (input.identity) {
      if (!this.deps.config.WIDGET_SECRET) {
        throw chatError('identity-not-configured', 'Identity tokens need WIDGET_SECRET to be configured on the server.');
      }
      identity = verifyIdentityToken(this.deps.config.WIDGET_SECRET, input.identity, this.deps.clock.now().getTime());
    }
    if (input.resume) {
      const session = await findSession(this.deps.db, input.resume.sessionId);
      const keyMatches = session ? sameHash(session.resume_key_hash, hashKey(input.resume.key)) : false;
      const sameCustomer = !identity || (session?.verification === 'signed' && session.external_customer_id === identity.sub);
      if (session && keyMatches && sameCustomer) return this.issue(session, origin, false);
      if (!identity && !input.email)
        throw chatError('session-not-found', 'That chat session cannot be resumed; start a new one.');
    }
    if (identity) {
      const latest = await findLatestSignedSession(this.deps.db, identity.sub);
      if (latest) return this.issue(latest, origin, true);
      return this.create(
        { verification: 'signed', externalCustomerId: identity.sub, email: identity.email, name: identity.name ?? null },
        language,
        origin,
      );
    }
    if (input.email) {
      return this.create(
        { verification: 'email', externalCustomerId: null, email: input.email, name: input.name?.trim() || null },
        language,
        origin,
      );
    }
    throw chatError('identity-required', 'Start a chat with an identity token from the site or an e-mail address.');
  }

  /** Checks a session token and its origin; returns the session it opens. */
  async authenticate(
    token: string,
    origin: string | undefined,
    ownHost: string | undefined,
  ): Promise<{ session: ChatSessionRow; expiresAt: string }> {
    const { sessionKey } = await this.current();
    const claims = verifySessionToken(sessionKey, token, this.deps.clock.now().getTime());
    if (origin !== undefined && claims.origin !== '' && origin.toLowerCase() !== claims.origin) {
      throw chatError('origin-not-allowed', 'This session token was issued for another site.');
    }
    await this.checkOrigin(origin, ownHost);
    const session = await findSession(this.deps.db, claims.sid);
    if (!session) throw chatError('session-not-found', 'That chat session no longer exists.');
    if (Number(session.token_generation) !== claims.gen) {
      throw chatError('token-replayed', 'This session token was replaced by a newer one; resume the session again.');
    }
    return { session, expiresAt: new Date(claims.exp * 1000).toISOString() };
  }

  /** One message from the widget: through the one ingest path, idempotent by the widget's id. */
  async send(session: ChatSessionRow, clientId: string, body: string) {
    const from =
      session.verification === 'signed'
        ? { externalId: session.external_customer_id ?? undefined, email: session.email, name: session.name ?? undefined }
        : { email: session.email, name: session.name ?? undefined };
    // An unverified visitor always gets a case of their own: a conversation id that does not exist opens one.
    const conversationId = session.conversation_id ?? (session.verification === 'signed' ? undefined : newId());
    const result = await ingestInbound(this.deps.conversations, {
      channel: 'chat',
      externalMessageId: externalIdFor(session.id, clientId),
      from,
      body,
      conversationId,
    });
    const conversationChanged = result.conversation.id !== session.conversation_id;
    if (conversationChanged) {
      await this.deps.db
        .updateTable('chat_sessions')
        .set({ conversation_id: result.conversation.id, customer_id: result.conversation.customer.id })
        .where('id', '=', session.id)
        .execute();
      session.conversation_id = result.conversation.id;
      session.customer_id = result.conversation.customer.id;
    }
    return { message: customerView(session, result.message), duplicate: result.duplicate, conversationChanged };
  }

  /** The session's conversation as its widget may see it, after a message id it already has. */
  async history(session: ChatSessionRow, after: string | null | undefined): Promise<CustomerMessage[]> {
    if (!session.conversation_id) return [];
    const { messages } = await getConversation(this.deps.conversations, { id: session.conversation_id, limit: 500 });
    const visible = messages.filter((message) => visibleToSession(session, message));
    const index = after ? visible.findIndex((message) => message.id === after) : -1;
    return visible.slice(index + 1).map((message) => customerView(session, message));
  }

  async markReadByCustomer(session: ChatSessionRow, messageId: string): Promise<string | null> {
    if (!session.conversation_id || session.customer_read_message_id === messageId) return null;
    const at = this.now();
    await this.deps.db
      .updateTable('chat_sessions')
      .set({ customer_read_message_id: messageId, customer_read_at: at, last_seen_at: at })
      .where('id', '=', session.id)
      .execute();
    session.customer_read_message_id = messageId;
    session.customer_read_at = at;
    return at;
  }

  async markReadByAgent(conversationId: string, messageId: string): Promise<string> {
    const at = this.now();
    await this.deps.db
      .updateTable('chat_sessions')
      .set({ agent_read_message_id: messageId, agent_read_at: at })
      .where('conversation_id', '=', conversationId)
      .execute();
    return at;
  }

  async sessionsOf(conversationId: string): Promise<ChatSessionRow[]> {
    return this.deps.db.selectFrom('chat_sessions').selectAll().where('conversation_id', '=', conversationId).execute();
  }
}
