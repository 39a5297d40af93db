import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { recordAudit } from '../../../audit/index.ts';
import {
  getConversation,
  ingestInbound,
  type Message,
  moveConversationToCustomer,
  publishConversationUpdated,
} from '../../../conversations/index.ts';
import { identifyOrCreateCustomer, removeCustomerIfUnused } from '../../../customers/index.ts';
import { newId, newSecret } from '../../../platform/ids.ts';
import type { ChannelDeps } from '../../channel-deps.ts';
import { parseSecretKey, sendSystemMailFor } from '../../email/index.ts';
import { type ChatSessionRow, findLatestSignedSession, findSession } from '../db/chat-sessions.ts';
import { loadWidgetSettingsRow, type WidgetSettings } from '../db/widget-settings.ts';
import { chatError } from '../domain/chat-errors.ts';
import { originAllowed, parseOriginList } from '../domain/origins.ts';
import { type Bucket, type BucketRule, fullBucket, takeToken } from '../domain/token-bucket.ts';
import {
  type IdentityClaims,
  type SessionClaims,
  sessionKeyFrom,
  signSessionToken,
  verifyIdentityToken,
  verifySessionToken,
} from '../domain/tokens.ts';
import {
  codeMailText,
  isVerified,
  standInName,
  type Verification,
  verificationCodeLifetimeMs,
  verificationCodesPerHour,
  verificationMaxAttempts,
} from '../domain/verification.ts';

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
  verification: Verification;
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

/** The stand-in customer of an unverified visitor is found again by this external id. */
export function standInExternalId(sessionId: string): string {
  return `chat-visitor:${sessionId}`;
}

function codeHash(sessionId: string, code: string): string {
  return createHash('sha256').update(`defuse-chat-code.v1.${sessionId}.${code}`).digest('hex');
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
  if (isVerified(session.verification)) return true;
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
  /** Anonymous (e-mail only) session starts per client IP, on this node. */
  private readonly anonymousStarts = new Map<string, Bucket>();
  private readonly anonymousRule: BucketRule;
  readonly configuredOrigins: string[];

  /** Seals the stored session secret at rest (CHANNEL_SECRET_KEY); null keeps it plain. */
  private readonly secretKey: Buffer | null;

  constructor(readonly deps: ChannelDeps) {
    this.configuredOrigins = parseOriginList(deps.config.WIDGET_ALLOWED_ORIGINS);
    this.secretKey = parseSecretKey(deps.config.CHANNEL_SECRET_KEY);
    const perMinute = deps.config.WIDGET_ANONYMOUS_STARTS_PER_MINUTE;
    this.anonymousRule = { burst: perMinute, perSecond: perMinute / 60 };
  }

  /** Each anonymous start can make a session (and later a stand-in customer): a burst, then a steady rate per IP. */
  private limitAnonymousStart(ip: string): void {
    const nowMs = Date.now();
    if (this.anonymousStarts.size > 10_000) {
      // Forget buckets that have refilled; what is left is the busy minority.
      for (const [key, bucket] of this.anonymousStarts) {
        if (nowMs - bucket.updatedMs > 60_000 * 10) this.anonymousStarts.delete(key);
      }
    }
    let bucket = this.anonymousStarts.get(ip);
    if (!bucket) {
      bucket = fullBucket(this.anonymousRule, nowMs);
      this.anonymousStarts.set(ip, bucket);
    }
    const taken = takeToken(bucket, this.anonymousRule, nowMs);
    if (!taken.allowed) {
      throw chatError(
        'rate-limited',
        `Too many new chats from your network; try again in ${Math.ceil(taken.retryAfterMs / 1000)} s.`,
      );
    }
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async current(): Promise<{ settings: WidgetSettings; sessionKey: Buffer }> {
    if (this.cached && Date.now() - this.cached.at < settingsCacheMs) return this.cached;
    const { settings, sessionSecret } = await loadWidgetSettingsRow(this.deps.db, this.now(), this.secretKey);
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
      verification: session.verification as Verification,
    };
  }

  private async create(
    input: { verification: Verification; externalCustomerId: string | null; email: string; name: string | null },
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
  async start(input: StartSessionInput, origin: string, ip = ''): Promise<StartedSession> {
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
      this.limitAnonymousStart(ip);
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

  /**
   * One message from the widget: through the one ingest path, idempotent by the widget's id.
   * A visitor who only typed an e-mail address is unverified: their chat goes to a stand-in
   * customer of its own (never to whoever owns that address) until they prove the address.
   */
  async send(session: ChatSessionRow, clientId: string, body: string) {
    if (session.verification === 'email') await this.refresh(session);
    const from =
      session.verification === 'signed'
        ? { externalId: session.external_customer_id ?? undefined, email: session.email, name: session.name ?? undefined }
        : session.verification === 'verified'
          ? { email: session.email, name: session.name ?? undefined }
          : { externalId: standInExternalId(session.id), name: standInName(session.name, session.email) };
    // An unverified visitor always gets a case of their own: a conversation id that does not exist opens one.
    const conversationId = session.conversation_id ?? (session.verification === 'email' ? newId() : undefined);
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

  /** Re-reads what another node may have changed (verification, and the case it moved with it). */
  async refresh(session: ChatSessionRow): Promise<void> {
    const fresh = await findSession(this.deps.db, session.id);
    if (!fresh) return;
    session.verification = fresh.verification;
    session.customer_id = fresh.customer_id;
    session.conversation_id = fresh.conversation_id;
  }

  /**
   * E-mails a one-time code to the address an unverified visitor typed. Only a hash is kept; a
   * few codes per hour per session, each good for 10 minutes and a few tries.
   */
  async requestVerification(session: ChatSessionRow): Promise<{ sentTo: string; expiresAt: string }> {
    await this.refresh(session);
    if (isVerified(session.verification)) throw chatError('already-verified', 'This chat is already verified.');
    const now = this.deps.clock.now();
    const hourAgo = new Date(now.getTime() - 60 * 60_000).toISOString();
    const recent = await this.deps.db
      .selectFrom('chat_verification_codes')
      .select((builder) => builder.fn.countAll<number>().as('count'))
      .where('session_id', '=', session.id)
      .where('created_at', '>', hourAgo)
      .executeTakeFirstOrThrow();
    if (Number(recent.count) >= verificationCodesPerHour) {
      throw chatError('rate-limited', 'Too many codes were sent for this chat; try again in an hour.');
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + verificationCodeLifetimeMs).toISOString();
    const outcome = await sendSystemMailFor(this.deps, {
      to: session.email,
      subject: 'Your chat verification code',
      text: codeMailText(code, session.language),
    });
    if (outcome !== 'enqueued') {
      throw chatError(
        'verification-unavailable',
        outcome === 'bad-address'
          ? 'That e-mail address cannot receive a code.'
          : 'Verification by e-mail is not available: the helpdesk has no outgoing mail configured.',
      );
    }
    // Earlier codes stop working: only the newest one counts.
    await this.deps.db
      .updateTable('chat_verification_codes')
      .set({ used_at: now.toISOString() })
      .where('session_id', '=', session.id)
      .where('used_at', 'is', null)
      .execute();
    await this.deps.db
      .insertInto('chat_verification_codes')
      .values({
        id: newId(),
        session_id: session.id,
        code_hash: codeHash(session.id, code),
        attempts: 0,
        expires_at: expiresAt,
        used_at: null,
        created_at: now.toISOString(),
      })
      .execute();
    return { sentTo: session.email, expiresAt };
  }

  /**
   * Checks a code the visitor typed. The right one (once, unexpired, within its tries) verifies the
   * session: its case moves from the stand-in to the customer who owns the address (found or
   * created), and the stand-in is removed.
   */
  async confirmVerification(session: ChatSessionRow, code: string): Promise<{ verification: Verification }> {
    await this.refresh(session);
    if (isVerified(session.verification)) throw chatError('already-verified', 'This chat is already verified.');
    const now = this.now();
    const pending = await this.deps.db
      .selectFrom('chat_verification_codes')
      .selectAll()
      .where('session_id', '=', session.id)
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!pending || Number(pending.attempts) >= verificationMaxAttempts) {
      throw chatError('verification-code-invalid', 'That code is not right. Ask for a new code.');
    }
    if (pending.expires_at <= now) throw chatError('verification-code-expired', 'That code has expired. Ask for a new code.');
    if (!sameHash(pending.code_hash, codeHash(session.id, code))) {
      await this.deps.db
        .updateTable('chat_verification_codes')
        .set((builder) => ({ attempts: builder('attempts', '+', 1) }))
        .where('id', '=', pending.id)
        .execute();
      throw chatError('verification-code-invalid', 'That code is not right.');
    }
    const standIn = session.customer_id;
    const conversationId = session.conversation_id;
    const moved = await this.deps.conversations.writes.run(async (transaction) => {
      // Used once: a second request with the same code finds it spent.
      const spent = await transaction
        .updateTable('chat_verification_codes')
        .set({ used_at: now })
        .where('id', '=', pending.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) === 0) return null;
      let customerId: string | null = null;
      if (conversationId) {
        ({ customerId } = await identifyOrCreateCustomer(
          transaction,
          { email: session.email, name: session.name ?? undefined },
          now,
        ));
        await moveConversationToCustomer(transaction, conversationId, customerId, now);
      }
      await transaction
        .updateTable('chat_sessions')
        .set({ verification: 'verified', ...(customerId ? { customer_id: customerId } : {}) })
        .where('id', '=', session.id)
        .execute();
      if (standIn && customerId && standIn !== customerId) await removeCustomerIfUnused(transaction, standIn);
      // A visitor (no staff member) just attached a case to a customer's record: keep it on the trail.
      await recordAudit(transaction, {
        at: now,
        actorUserId: null,
        action: 'chat.visitor-verified',
        subjectType: 'conversation',
        subjectId: conversationId,
        details: { sessionId: session.id, method: 'e-mailed code', customerId },
      });
      return { customerId };
    });
    if (!moved) throw chatError('verification-code-invalid', 'That code was already used.');
    session.verification = 'verified';
    if (moved.customerId) session.customer_id = moved.customerId;
    if (conversationId) await publishConversationUpdated(this.deps.conversations, conversationId);
    return { verification: 'verified' };
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
