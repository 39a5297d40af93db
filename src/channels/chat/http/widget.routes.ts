import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAuthorOf, recordChange } from '../../../audit/index.ts';
import { requireActor, staffRoles } from '../../../auth/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import { saveWidgetSettings, widgetPositions } from '../db/widget-settings.ts';
import { chatError } from '../domain/chat-errors.ts';
import { normalizeOrigin } from '../domain/origins.ts';
import { type ChatSessions, widgetLanguages } from '../use-cases/chat-sessions.ts';
import {
  chatSessionsResponse,
  noContent,
  verificationConfirmedResponse,
  verificationSentResponse,
  widgetAdminResponse,
  widgetConfigResponse,
  widgetSessionResponse,
  widgetSettingsResponse,
} from './responses.ts';
import { errorFrame, type WidgetHub } from './widget-hub.ts';

const workers = ['agent', 'manager', 'admin'] as const;
// Close codes in the private range: 4401 "start or resume the session again", 4403 "not from this site".
const closeUnauthenticated = 4401;
const closeForbidden = 4403;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f6feb');
const originEntry = z
  .string()
  .max(300)
  .refine((value) => value === '*' || normalizeOrigin(value) !== null, 'must be an origin like https://shop.example or *')
  .transform((value) => (value === '*' ? '*' : (normalizeOrigin(value) as string)));

const settingsBody = z.strictObject({
  allowedOrigins: z.array(originEntry).max(100),
  primaryColor: colour,
  textColor: colour,
  position: z.enum(widgetPositions),
  greeting: z.partialRecord(z.enum(widgetLanguages), z.string().trim().max(500)),
});

function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
}

export interface WidgetRouteDeps {
  chat: ChatSessions;
  hub: WidgetHub;
}

/** The widget's public endpoints (origin-checked, token-protected), its socket, and the admin and agent endpoints. */
export async function widgetRoutes(app: FastifyInstance, { chat, hub }: WidgetRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // Cross-origin reads for allowed sites only: the widget runs on the company's pages.
  const allowCors = async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = originOf(request);
    if (origin && (await chat.isOriginAllowed(origin, request.headers.host))) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
    }
  };

  for (const url of ['/widget/sessions', '/widget/config', '/widget/verification', '/widget/verification/confirm']) {
    routes.options(url, { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      await allowCors(request, reply);
      reply.header('access-control-allow-methods', 'GET, POST');
      reply.header('access-control-allow-headers', 'content-type');
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    });
  }

  routes.get(
    '/widget/config',
    {
      config: { public: true },
      onRequest: allowCors,
      schema: {
        tags: ['chat'],
        summary: "The widget's look and greeting (public; what widget.js reads)",
        querystring: z.strictObject({ lang: z.string().max(10).optional() }),
        response: { 200: widgetConfigResponse },
      },
    },
    async (request) => {
      const settings = await chat.settings();
      const lang = (widgetLanguages as readonly string[]).includes(request.query.lang ?? '')
        ? (request.query.lang as string)
        : 'en';
      return {
        primaryColor: settings.primaryColor,
        textColor: settings.textColor,
        position: settings.position,
        greeting: settings.greeting[lang] || settings.greeting.en || '',
        identityEnabled: chat.deps.config.WIDGET_SECRET !== '',
      };
    },
  );

  routes.post(
    '/widget/sessions',
    {
      config: { public: true },
      onRequest: allowCors,
      schema: {
        tags: ['chat'],
        summary:
          'Start or resume a widget session (public; origin-checked): with an identity token from the site, an e-mail address, or a resume key. Returns a short-lived session token for the widget socket.',
        body: z.strictObject({
          identity: z.string().min(1).max(4096).optional(),
          email: z.email().max(320).optional(),
          name: z.string().trim().max(200).optional(),
          language: z.string().max(10).optional(),
          resume: z.strictObject({ sessionId: z.string().min(1).max(64), key: z.string().min(1).max(200) }).optional(),
        }),
        response: { 201: widgetSessionResponse },
      },
    },
    async (request, reply) => {
      const origin = originOf(request);
      await chat.checkOrigin(origin, request.headers.host);
      const started = await chat.start(request.body, origin ? (normalizeOrigin(origin) ?? '') : '', request.ip);
      return reply.code(201).send(started);
    },
  );

  routes.post(
    '/widget/verification',
    {
      config: { public: true },
      onRequest: allowCors,
      schema: {
        tags: ['chat'],
        summary:
          'E-mail a one-time code to the address an unverified visitor gave (public; needs their widget session token). Until verified, the chat never reaches the record of whoever owns that address.',
        body: z.strictObject({ token: z.string().min(1).max(4096) }),
        response: { 202: verificationSentResponse },
      },
    },
    async (request, reply) => {
      const { session } = await chat.authenticate(request.body.token, originOf(request), request.headers.host);
      const sent = await chat.requestVerification(session);
      return reply.code(202).send(sent);
    },
  );

  routes.post(
    '/widget/verification/confirm',
    {
      config: { public: true },
      onRequest: allowCors,
      schema: {
        tags: ['chat'],
        summary:
          'Check the code the visitor typed; the right one verifies the chat and attaches it to the customer who owns the address (public; needs the widget session token)',
        body: z.strictObject({
          token: z.string().min(1).max(4096),
          code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the e-mail'),
        }),
        response: { 200: verificationConfirmedResponse },
      },
    },
    async (request) => {
      const { session } = await chat.authenticate(request.body.token, originOf(request), request.headers.host);
      const result = await chat.confirmVerification(session, request.body.code);
      await hub.refresh(session.id);
      return result;
    },
  );

  routes.get(
    '/widget/socket',
    {
      websocket: true,
      config: { public: true },
      schema: {
        tags: ['chat'],
        summary: 'WebSocket for the widget: ?token= a widget session token',
        hide: true,
        querystring: z.object({ token: z.string().max(4096).optional() }),
      },
    },
    async (socket, request) => {
      const token = (request.query as { token?: string }).token;
      // Frames that arrive while the token is checked are kept and handled in order afterwards.
      const early: Array<[Buffer, boolean]> = [];
      const keep = (data: Buffer, isBinary: boolean) => early.push([data, isBinary]);
      socket.on('message', keep);
      try {
        if (!token) throw chatError('token-malformed', 'Open the widget socket with ?token= a widget session token.');
        const { session, expiresAt } = await chat.authenticate(token, originOf(request), request.headers.host);
        socket.off('message', keep);
        hub.attach(socket, session, expiresAt, early);
      } catch (error) {
        socket.send(JSON.stringify(errorFrame(error)));
        const forbidden = error instanceof AppError && error.code === 'origin-not-allowed';
        socket.close(forbidden ? closeForbidden : closeUnauthenticated, error instanceof AppError ? error.code : 'error');
      }
    },
  );

  routes.get(
    '/widget/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['chat'],
        summary: "The widget's allowed origins, look and greeting, and the chat channel's health",
        response: { 200: widgetAdminResponse },
      },
    },
    async () => {
      const settings = await chat.settings();
      return {
        ...settings,
        configuredOrigins: chat.configuredOrigins,
        identityEnabled: chat.deps.config.WIDGET_SECRET !== '',
        health: hub.health,
      };
    },
  );

  routes.put(
    '/widget/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['chat'],
        summary: "Change the widget's allowed origins, colours, position and greeting",
        body: settingsBody,
        response: { 200: widgetSettingsResponse },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const now = chat.deps.clock.now().toISOString();
      chat.forgetSettings();
      const { updatedAt: _updatedAt, ...before } = await chat.settings();
      await chat.deps.db.transaction().execute(async (transaction) => {
        await saveWidgetSettings(transaction, request.body, actor.userId, now);
        // Allowed origins decide which sites may open chats: every change is audited with before/after.
        await recordChange(transaction, auditAuthorOf(request), now, {
          action: 'widget-settings.updated',
          subjectType: 'settings',
          subjectId: 'widget',
          before,
          after: { ...request.body },
        });
      });
      chat.forgetSettings();
      return chat.settings();
    },
  );

  routes.get(
    '/conversations/:id/chat',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['chat'],
        summary: "The conversation's chat sessions: who, and how far each side has read",
        params: idParams,
        response: { 200: chatSessionsResponse },
      },
    },
    async (request) => {
      const sessions = await chat.sessionsOf(request.params.id);
      return {
        sessions: sessions.map((session) => ({
          id: session.id,
          verification: session.verification,
          email: session.email,
          origin: session.origin,
          language: session.language,
          lastSeenAt: session.last_seen_at,
          customerReadMessageId: session.customer_read_message_id,
          customerReadAt: session.customer_read_at,
          agentReadMessageId: session.agent_read_message_id,
          agentReadAt: session.agent_read_at,
        })),
      };
    },
  );

  routes.post(
    '/conversations/:id/chat/typing',
    {
      config: { roles: workers },
      schema: {
        tags: ['chat'],
        summary: "Tell the customer's widget that an agent is typing (or stopped)",
        params: idParams,
        body: z.strictObject({ typing: z.boolean() }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await chat.deps.events.publish({
        type: 'chat.typing',
        conversationId: request.params.id,
        by: 'agent',
        typing: request.body.typing,
        name: requireActor(request).userName,
      });
      return reply.code(204).send();
    },
  );

  routes.post(
    '/conversations/:id/chat/read',
    {
      config: { roles: workers },
      schema: {
        tags: ['chat'],
        summary: "Mark the chat as read by the agent up to a message (the customer's widget shows it)",
        params: idParams,
        body: z.strictObject({ messageId: z.string().min(1).max(64) }),
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const at = await chat.markReadByAgent(request.params.id, request.body.messageId);
      await chat.deps.events.publish({
        type: 'chat.read',
        conversationId: request.params.id,
        by: 'agent',
        messageId: request.body.messageId,
        at,
      });
      return reply.code(204).send();
    },
  );
}
