import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import { agentReplies, customerEmail, customerMessage, customerName, subjects } from './messages.ts';
import { pick, seededRandom, uuidV7At, weighted } from './random.ts';

/**
 * Generates a helpdesk's worth of rows straight in the schema's column order (no use cases: a
 * million messages through ingest would take an hour) and writes them in large batches.
 * Same seed, same data in SQLite and PostgreSQL.
 */
export interface FillSize {
  conversations: number;
  messages: number;
  customers: number;
}

type Row = Array<string | number | null>;
export interface Batch {
  table: keyof typeof columns;
  rows: Row[];
}

/** Column name and PostgreSQL array type, in insert order. */
export const columns = {
  users:
    'id text, email text, name text, role text, password_hash text, approval_limit_minor int8, approval_limit_currency text, deactivated_at text, created_at text, updated_at text, last_sign_in_at text',
  customers:
    'id text, name text, name_search text, external_id text, country text, region text, language text, currency text, time_zone text, tier text, lifetime_value_minor int8, tags jsonb, notes text, status text, created_at text, updated_at text',
  customer_contacts: 'id text, customer_id text, kind text, value text, position int4',
  conversations:
    'id text, number int8, customer_id text, channel text, subject text, status text, priority text, assignee_id text, created_at text, updated_at text, last_message_at text, waiting_since text, message_count int4, last_message_preview text',
  messages:
    'id text, conversation_id text, kind text, author_user_id text, body text, channel text, external_id text, created_at text',
} as const;

const day = 86_400_000;
const iso = (millis: number) => new Date(millis).toISOString();
const preview = (body: string) => body.replace(/\s+/g, ' ').trim().slice(0, 160);

export function* generateInbox(size: FillSize, now: number, batchSize = 5000): Generator<Batch> {
  const random = seededRandom(42);
  const yearAgo = now - 365 * day;

  const staff = [
    ['admin', 1],
    ['manager', 2],
    ['qa', 1],
    ['agent', 12],
  ] as const;
  const users: Row[] = [];
  for (const [role, count] of staff) {
    for (let index = 0; index < count; index += 1) {
      const id = uuidV7At(random, yearAgo - day);
      users.push([
        id,
        `${role}${index}@defuse.test`,
        `${role} ${index}`,
        role,
        'bench: no login',
        0,
        'RON',
        null,
        iso(yearAgo),
        iso(yearAgo),
        null,
      ]);
    }
  }
  yield { table: 'users', rows: users };
  const agents = users.filter((user) => user[3] === 'agent').map((user) => String(user[0]));

  const customerIds: string[] = [];
  for (let start = 0; start < size.customers; start += batchSize) {
    const customers: Row[] = [];
    const contacts: Row[] = [];
    for (let index = start; index < Math.min(size.customers, start + batchSize); index += 1) {
      const created = yearAgo - Math.floor(random() * 365 * day);
      const id = uuidV7At(random, created);
      const name = customerName(index);
      const tier = weighted(random, { standard: 85, gold: 12, vip: 3 });
      const status = weighted(random, { active: 95, watch: 4, ended: 1 });
      customerIds.push(id);
      customers.push([
        id,
        name,
        name.toLowerCase(),
        null,
        'RO',
        null,
        'ro',
        'RON',
        'Europe/Bucharest',
        tier,
        Math.floor(random() * 500_000),
        '[]',
        '',
        status,
        iso(created),
        iso(created),
      ]);
      contacts.push([uuidV7At(random, created), id, 'email', customerEmail(index), 0]);
    }
    yield { table: 'customers', rows: customers };
    yield { table: 'customer_contacts', rows: contacts };
  }

  // Conversation plans: about a quarter still active (recent), the rest resolved or closed over a year.
  const plans = Array.from({ length: size.conversations }, () => {
    const status = weighted(random, { open: 13, pending: 8, escalated: 4, resolved: 45, closed: 30 });
    const active = status === 'open' || status === 'pending' || status === 'escalated';
    const created = active ? now - Math.floor(random() ** 2 * 60 * day) : yearAgo + Math.floor(random() * 358 * day);
    return { status, active, created, weight: -Math.log(1 - random()) * (random() < 0.01 ? 6 : 1), count: 1 };
  }).sort((a, b) => a.created - b.created);
  const totalWeight = plans.reduce((sum, plan) => sum + plan.weight, 0);
  let assigned = 0;
  for (const plan of plans) {
    plan.count = 1 + Math.floor((plan.weight * (size.messages - size.conversations)) / totalWeight);
    assigned += plan.count;
  }
  while (assigned < size.messages) {
    (plans[Math.floor(random() * plans.length)] as { count: number }).count += 1;
    assigned += 1;
  }

  let conversations: Row[] = [];
  let messages: Row[] = [];
  for (const [index, plan] of plans.entries()) {
    const id = uuidV7At(random, plan.created);
    const channel = weighted(random, { email: 40, chat: 25, phone: 10, social: 10, api: 10, video: 5 });
    const unassigned = random() < (plan.active ? 0.5 : 0.233);
    const assignee = unassigned ? null : pick(random, agents);
    const span = Math.min(now - plan.created, plan.active ? 7 * day : 14 * day) * random();
    const times = Array.from({ length: plan.count }, (_, position) => (position === 0 ? 0 : random() * span))
      .sort((a, b) => a - b)
      .map((offset) => Math.floor(plan.created + offset));
    // Customer and agent take turns, with some internal notes and system events in between.
    const kinds = times.map((_, position): string => (position % 2 === 0 ? 'customer' : 'agent'));
    for (let position = 1; position < kinds.length - 1; position += 1) {
      if (random() < 0.1) kinds[position] = random() < 0.5 ? 'note' : 'system';
    }
    if (kinds.length > 1) kinds[kinds.length - 1] = plan.status === 'open' || plan.status === 'escalated' ? 'customer' : 'agent';
    let waitingSince: string | null = null;
    let lastBody = '';
    for (const [position, kind] of kinds.entries()) {
      const at = iso(times[position] as number);
      const messageId = uuidV7At(random, times[position] as number);
      const author = kind === 'agent' || kind === 'note' ? (assignee ?? pick(random, agents)) : null;
      const body =
        kind === 'customer'
          ? customerMessage(random)
          : kind === 'agent'
            ? pick(random, agentReplies)
            : kind === 'note'
              ? 'Internal note: checked the order history, the customer has had two late deliveries this year.'
              : 'The status was changed from open to pending.';
      if (kind === 'customer') waitingSince ??= at;
      if (kind === 'agent') waitingSince = null;
      if (kind !== 'note' && kind !== 'system') lastBody = body;
      const externalId = kind === 'customer' && channel === 'email' ? `<${messageId}@mail.example.test>` : null;
      messages.push([messageId, id, kind, author, body, channel, externalId, at]);
    }
    const last = iso(times.at(-1) as number);
    const customer = customerIds[Math.floor(random() ** 2 * customerIds.length)] as string;
    const priority = weighted(random, { low: 15, normal: 65, high: 15, urgent: 5 });
    conversations.push([
      id,
      1001 + index,
      customer,
      channel,
      pick(random, subjects),
      plan.status,
      priority,
      assignee,
      iso(plan.created),
      last,
      last,
      plan.active ? waitingSince : null,
      plan.count,
      preview(lastBody),
    ]);
    // Conversations first: messages reference them (PostgreSQL checks the foreign key).
    if (messages.length >= batchSize || index === plans.length - 1) {
      yield { table: 'conversations', rows: conversations };
      yield { table: 'messages', rows: messages };
      conversations = [];
      messages = [];
    }
  }
}

const names = (table: keyof typeof columns) => columns[table].split(', ').map((column) => column.split(' ')[0]);

/** Writes batches into SQLite with prepared statements, one transaction per batch. */
export function fillSqlite(sqlite: SqliteDatabase.Database, batches: Iterable<Batch>): void {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const insert = sqlite.transaction((batch: Batch) => {
    let statement = statements.get(batch.table);
    if (!statement) {
      const list = names(batch.table);
      statement = sqlite.prepare(`insert into ${batch.table} (${list.join(', ')}) values (${list.map(() => '?').join(', ')})`);
      statements.set(batch.table, statement);
    }
    for (const row of batch.rows) statement.run(row);
  });
  for (const batch of batches) insert(batch);
}

/** Writes batches into PostgreSQL: one `insert … select from unnest($1::text[], …)` per batch. */
export async function fillPostgres(client: pg.Client, batches: Iterable<Batch>): Promise<void> {
  for (const batch of batches) {
    const spec = columns[batch.table].split(', ').map((column) => column.split(' ') as [string, string]);
    const arrays = spec.map((_, column) => batch.rows.map((row) => row[column] ?? null));
    const unnest = spec.map(([, type], column) => `$${column + 1}::${type === 'jsonb' ? 'text' : type}[]`).join(', ');
    const select = spec.map(([name, type]) => (type === 'jsonb' ? `${name}::jsonb` : name)).join(', ');
    await client.query(
      `insert into ${batch.table} (${spec.map(([name]) => name).join(', ')}) select ${select} from unnest(${unnest}) as t(${spec.map(([name]) => name).join(', ')})`,
      arrays,
    );
  }
}
