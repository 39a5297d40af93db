import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAuthorOf } from '../../audit/index.ts';
import { requireActor, staffRoles } from '../../auth/index.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { playbookStepIds } from '../../playbook/index.ts';
import { getAssist, recordPlaybookAction, reviewDraft } from '../use-cases/assist-conversation.ts';
import type { AssistDeps } from '../use-cases/assist-deps.ts';
import { assistResponse, playbookStateResponse, replyReviewResponse } from './responses.ts';

const workers = ['agent', 'manager', 'admin'] as const;
const maxDraftLength = 20_000;

const playbookAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('item-ticked-by-hand'), itemId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('item-unticked-by-hand'), itemId: z.string().min(1).max(100) }),
  z.strictObject({
    type: z.literal('step-changed-by-hand'),
    to: z.enum(playbookStepIds),
    reason: z.string().trim().max(500).optional(),
  }),
  z.strictObject({
    type: z.literal('suggestion-dismissed'),
    id: z.string().min(1).max(100),
    reason: z.string().trim().min(1).max(500),
  }),
  z.strictObject({ type: z.literal('suggestion-accepted'), id: z.string().min(1).max(100) }),
]);

export async function assistRoutes(app: FastifyInstance, deps: AssistDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/conversations/:id/assist',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['playbook'],
        summary: 'The playbook step and checklist, guidance for now, scripts filled for this customer, regional notes',
        params: idParams,
        response: { 200: assistResponse },
      },
    },
    async (request) => getAssist(deps, request.params.id, requireActor(request).userName),
  );

  routes.post(
    '/conversations/:id/playbook',
    {
      config: { roles: workers },
      schema: {
        tags: ['playbook'],
        summary: 'Tick or untick a checklist item, change step, or accept or dismiss a suggestion (with a reason)',
        params: idParams,
        body: playbookAction,
        response: { 200: playbookStateResponse },
      },
    },
    async (request) =>
      recordPlaybookAction(
        deps,
        request.params.id,
        { ...auditAuthorOf(request), userId: requireActor(request).userId },
        request.body,
      ),
  );

  routes.post(
    '/conversations/:id/coach',
    {
      config: { roles: [...workers, 'qa'] },
      schema: {
        tags: ['coach'],
        summary: 'Review a draft reply for this customer: findings with better words, strengths and rubric scores',
        params: idParams,
        body: z.strictObject({
          draft: z.string().max(maxDraftLength),
          insertedTemplate: z.string().max(maxDraftLength).optional(),
        }),
        response: { 200: replyReviewResponse },
      },
    },
    async (request) => reviewDraft(deps, request.params.id, request.body.draft, request.body.insertedTemplate ?? null),
  );
}
