import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { summaryFromRow, summaryQuery } from '../db/conversation-rows.ts';
import type { Channel, ConversationStatus, ConversationSummary } from '../domain/conversation.ts';
import type { ConversationFlag } from '../domain/heat-reading.ts';
import type { ConversationDeps } from './conversation-deps.ts';

export type InboxSort = 'newest' | 'waiting' | 'heat';

export interface ListConversationsInput {
  statuses?: ConversationStatus[] | undefined;
  /** A user id, or 'none' for unassigned. */
  assigneeId?: string | undefined;
  channel?: Channel | undefined;
  customerId?: string | undefined;
  /** Only cases at least this hot (0–100). */
  minHeat?: number | undefined;
  /** Only cases with this flag raised (abuse, threat, legal_threat, public_shaming). */
  flag?: ConversationFlag | undefined;
  sort: InboxSort;
  limit: number;
  cursor?: string | undefined;
}

interface Cursor {
  key: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    return typeof key === 'string' && typeof id === 'string' ? { key, id } : null;
  } catch {
    return null;
  }
}

/** The filters every sort shares, applied to a conversations query. */
function filtered<Query extends SelectQueryBuilder<Database, 'conversations', object>>(
  query: Query,
  input: ListConversationsInput,
): Query {
  let result = query as SelectQueryBuilder<Database, 'conversations', object>;
  if (input.assigneeId === 'none') result = result.where('assignee_id', 'is', null);
  else if (input.assigneeId) result = result.where('assignee_id', '=', input.assigneeId);
  if (input.channel) result = result.where('channel', '=', input.channel);
  if (input.customerId) result = result.where('customer_id', '=', input.customerId);
  if (input.minHeat !== undefined) result = result.where('heat', '>=', input.minHeat);
  // Flags are a JSON list; its text form is the same pattern in both databases.
  if (input.flag) result = result.where(sql<string>`cast(flags as text)`, 'like', `%"${input.flag}"%`);
  return result as Query;
}

/** The ids of one page, newest activity first, for one status (or any status when null). */
function newestIds(db: Kysely<Database>, input: ListConversationsInput, status: ConversationStatus | null, after: Cursor | null) {
  let query = filtered(db.selectFrom('conversations').select(['id', 'last_message_at']), input);
  if (status) query = query.where('status', '=', status);
  // A row-value comparison lets both databases use it as an index bound, so deep pages stay cheap.
  if (after)
    query = query.where((builder) => builder(builder.refTuple('last_message_at', 'id'), '<', builder.tuple(after.key, after.id)));
  return query
    .orderBy('last_message_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
}

/** Plain code-unit order, as the databases compare these ASCII keys (never locale collation). */
function descendingBy(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

async function pageNewest(db: Kysely<Database>, input: ListConversationsInput, after: Cursor | null): Promise<string[]> {
  const statuses = input.statuses ?? [];
  if (statuses.length <= 1) return (await newestIds(db, input, statuses[0] ?? null, after).execute()).map((row) => row.id);
  // Several statuses: one ordered, limited read per status, merged. A single `status IN (…)`
  // query would make SQLite sort every matching row before taking the first page.
  const perStatus = await Promise.all(statuses.map((status) => newestIds(db, input, status, after).execute()));
  return perStatus
    .flat()
    .sort((a, b) => descendingBy(a.last_message_at, b.last_message_at) || descendingBy(a.id, b.id))
    .slice(0, input.limit + 1)
    .map((row) => row.id);
}

async function pageWaiting(db: Kysely<Database>, input: ListConversationsInput, after: Cursor | null): Promise<string[]> {
  let query = filtered(db.selectFrom('conversations').select('id'), input).where('waiting_since', 'is not', null);
  if (input.statuses && input.statuses.length > 0) query = query.where('status', 'in', input.statuses);
  if (after)
    query = query.where((builder) => builder(builder.refTuple('waiting_since', 'id'), '>', builder.tuple(after.key, after.id)));
  const rows = await query
    .orderBy('waiting_since', 'asc')
    .orderBy('id', 'asc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((row) => row.id);
}

/** Hottest first; ties by newest activity. The cursor carries heat, time and id. */
async function pageHeat(db: Kysely<Database>, input: ListConversationsInput, after: Cursor | null): Promise<string[]> {
  let query = filtered(db.selectFrom('conversations').select('id'), input);
  if (input.statuses && input.statuses.length > 0) query = query.where('status', 'in', input.statuses);
  if (after) {
    const [heat, at] = after.key.split('|');
    query = query.where((builder) =>
      builder(builder.refTuple('heat', 'last_message_at', 'id'), '<', builder.tuple(Number(heat), at ?? '', after.id)),
    );
  }
  const rows = await query
    .orderBy('heat', 'desc')
    .orderBy('last_message_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit + 1)
    .execute();
  return rows.map((row) => row.id);
}

function cursorKey(sort: InboxSort, last: ConversationSummary): string {
  if (sort === 'waiting') return last.waitingSince ?? '';
  if (sort === 'heat') return `${last.heat}|${last.lastMessageAt}`;
  return last.lastMessageAt;
}

/**
 * The inbox: keyset-paged so page 50 costs what page 1 costs. `newest` orders by last activity,
 * `waiting` puts the customer who has waited longest first (only cases with someone waiting).
 */
export async function listConversations(
  deps: Pick<ConversationDeps, 'db'>,
  input: ListConversationsInput,
): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  const after = decodeCursor(input.cursor);
  const page = { waiting: pageWaiting, heat: pageHeat, newest: pageNewest }[input.sort];
  const ids = await page(deps.db, input, after);
  const pageIds = ids.slice(0, input.limit);
  const rows = pageIds.length > 0 ? await summaryQuery(deps.db).where('conversations.id', 'in', pageIds).execute() : [];
  const byId = new Map(rows.map((row) => [row.id, summaryFromRow(row)]));
  const items = pageIds.flatMap((id) => byId.get(id) ?? []);
  const last = items.at(-1);
  const nextCursor = ids.length > input.limit && last ? encodeCursor({ key: cursorKey(input.sort, last), id: last.id }) : null;
  return { items, nextCursor };
}
