import { type AuditAuthor, recordAudit } from '../../audit/index.ts';
import { type ReplyContext, type ReplyReview, reviewReply, suggestedDeadline } from '../../coach/index.ts';
import type { InsertedTemplate, SentReplyReview } from '../../conversations/index.ts';
import { platformError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  type Guidance,
  guidanceFor,
  type PlaybookEvent,
  type PlaybookState,
  type PlaybookStep,
  playbookEventProblem,
  playbookReducer,
  playbookSteps,
} from '../../playbook/index.ts';
import {
  fillTemplate,
  listRegionalGuidance,
  listScripts,
  localeFor,
  type RegionalGuidance,
  rankTemplates,
} from '../../scripts-library/index.ts';
import { type ManualAction, withAuthor } from '../domain/playbook-replay.ts';
import type { AssistDeps } from './assist-deps.ts';
import { type CaseFile, loadCase } from './load-case.ts';

export interface ScriptSuggestion {
  key: string;
  version: number;
  title: string;
  language: string;
  step: string;
  /** The script filled for this customer: their name, amounts in their currency, dates in their time zone. */
  text: string;
  missing: string[];
  reasons: string[];
}

export interface Assist {
  playbook: PlaybookState;
  steps: PlaybookStep[];
  guidance: Guidance;
  scripts: ScriptSuggestion[];
  regional: RegionalGuidance | null;
}

const suggestionCount = 8;

function replyContext(file: CaseFile, now: Date): ReplyContext {
  const lastCustomer = [...file.messages].reverse().find((message) => message.kind === 'customer');
  return {
    customerHeat: file.conversation.heat,
    customerLanguage: file.customer.language,
    customerCurrency: file.customer.currency,
    customerName: file.customer.name,
    lastCustomerMessage: lastCustomer?.body ?? '',
    step: file.playbook.step,
    now: now.toISOString(),
    customerTimeZone: file.customer.timeZone,
  };
}

async function suggestScripts(deps: AssistDeps, file: CaseFile, agentName: string): Promise<ScriptSuggestion[]> {
  const now = deps.clock.now();
  const scripts = await listScripts(deps, { includeRetired: false });
  const intents = file.playbook.lastSignals?.intents ?? [];
  const ranked = rankTemplates(scripts, {
    step: file.playbook.step,
    intents: [...intents, ...(file.playbook.lastSignals?.abuse ? ['abuse'] : [])],
    categories: file.conversation.category ? [file.conversation.category] : [],
    language: file.customer.language,
    country: file.customer.country,
    tier: file.customer.tier,
  }).slice(0, suggestionCount);
  const [firstName = file.customer.name, ...rest] = file.customer.name.split(' ');
  const deadline = suggestedDeadline({ now: now.toISOString(), customerTimeZone: file.customer.timeZone });
  const values = {
    customer: { firstName, lastName: rest.join(' '), fullName: file.customer.name, formalAddress: file.customer.name },
    order: { reference: file.latestOrder?.reference },
    amount: file.latestOrder?.amount,
    date: deadline ? undefined : new Date(now.getTime() + 86_400_000),
    agent: { firstName: agentName.split(' ')[0] ?? agentName },
    company: { name: deps.companyName || undefined },
    case: { number: `#${file.conversation.number}` },
  };
  const info = { locale: localeFor(file.customer.language, file.customer.country), timeZone: file.customer.timeZone };
  return ranked.map(({ template, reasons }) => {
    const filled = fillTemplate(template, values, info);
    return {
      key: template.id,
      version: template.version,
      title: template.title,
      language: template.language,
      step: template.step,
      text: filled.text,
      missing: filled.missing,
      reasons,
    };
  });
}

/** The guidance panel: playbook state, what to do now and why, scripts that fit, and regional notes. */
export async function getAssist(deps: AssistDeps, conversationId: string, agentName: string): Promise<Assist> {
  const file = await loadCase(deps, conversationId);
  const regional = (await listRegionalGuidance(deps))[file.customer.country] ?? null;
  return {
    playbook: file.playbook,
    steps: Object.values(playbookSteps),
    guidance: guidanceFor(file.playbook),
    scripts: await suggestScripts(deps, file, agentName),
    regional,
  };
}

/** Ticks, step changes and decisions on suggestions, stored with who and when. */
export async function recordPlaybookAction(
  deps: AssistDeps,
  conversationId: string,
  author: AuditAuthor & { userId: string },
  action: ManualAction,
): Promise<PlaybookState> {
  const userId = author.userId;
  const file = await loadCase(deps, conversationId);
  const at = deps.clock.now().toISOString();
  const event = withAuthor({ action, at, userId }) as PlaybookEvent;
  const problem = playbookEventProblem(file.playbook, event);
  if (problem) throw platformError('validation-failed', problem, [{ field: 'body', message: problem }]);
  const next = playbookReducer(file.playbook, event);
  await deps.db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto('playbook_actions')
      .values({ id: newId(), conversation_id: conversationId, action: JSON.stringify(action), user_id: userId, at })
      .execute();
    // The agent's own steering of the case: the step before and after, and what was ticked or decided.
    const { type, ...fields } = action;
    await recordAudit(transaction, {
      at,
      actorUserId: userId,
      actorTokenId: author.tokenId ?? null,
      action: `playbook.${type}`,
      subjectType: 'conversation',
      subjectId: conversationId,
      ...(next.step !== file.playbook.step ? { changes: { step: { from: file.playbook.step, to: next.step } } } : {}),
      details: fields,
      ip: author.ip ?? null,
    });
  });
  return next;
}

/** The live check as the agent types: findings with spans and better words, strengths, rubric. */
export async function reviewDraft(
  deps: AssistDeps,
  conversationId: string,
  draft: string,
  insertedTemplate: string | null,
): Promise<ReplyReview> {
  const file = await loadCase(deps, conversationId);
  const context = replyContext(file, deps.clock.now());
  return reviewReply(draft, insertedTemplate ? { ...context, insertedTemplate } : context);
}

/** The review stored with a sent reply: whatever the coach still found is an override. */
export async function reviewOnSend(
  deps: AssistDeps,
  conversationId: string,
  body: string,
  inserted: InsertedTemplate | null,
): Promise<SentReplyReview> {
  const review = await reviewDraft(deps, conversationId, body, inserted?.text ?? null);
  return {
    practices: [...review.practices],
    findings: review.findings.map((finding) => ({ kind: finding.kind, text: finding.text, message: finding.message })),
    scores: Object.fromEntries(Object.entries(review.scores).map(([name, score]) => [name, score.score])),
    overrides: [...new Set(review.findings.filter((finding) => finding.severity !== 'info').map((finding) => finding.kind))],
    insertedTemplate: inserted ? { key: inserted.key, unchanged: inserted.text.trim() === body.trim() } : null,
  };
}
