import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';

const fixedLabels: Record<string, string> = {
  'settings:email': 'E-mail settings',
  'settings:widget': 'Chat widget settings',
};

/**
 * Readable names for a page of audit subjects, looked up now (one query per subject type):
 * a renamed customer shows their current name, an erased one their anonymised name.
 * Keys are `type:id`; subjects that no longer exist get no label.
 */
export async function resolveSubjectLabels(
  db: Kysely<Database>,
  subjects: Array<{ type: string; id: string | null }>,
): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const idsOf = (type: string) => [
    ...new Set(subjects.filter((subject) => subject.type === type && subject.id).map((subject) => subject.id as string)),
  ];
  const put = (type: string, id: string, label: string) => labels.set(`${type}:${id}`, label);

  for (const subject of subjects) {
    const fixed = fixedLabels[`${subject.type}:${subject.id}`];
    if (fixed && subject.id) put(subject.type, subject.id, fixed);
  }
  const customers = idsOf('customer');
  if (customers.length > 0) {
    const rows = await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', customers).execute();
    for (const row of rows) put('customer', row.id, row.name);
  }
  const users = idsOf('user');
  if (users.length > 0) {
    const rows = await db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', users).execute();
    for (const row of rows) put('user', row.id, `${row.name} (${row.email})`);
  }
  const conversations = idsOf('conversation');
  if (conversations.length > 0) {
    const rows = await db
      .selectFrom('conversations')
      .select(['id', 'number', 'subject'])
      .where('id', 'in', conversations)
      .execute();
    for (const row of rows) put('conversation', row.id, `Case #${row.number}${row.subject ? ` — ${row.subject}` : ''}`);
  }
  const messages = idsOf('message');
  if (messages.length > 0) {
    const rows = await db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select(['messages.id', 'conversations.number'])
      .where('messages.id', 'in', messages)
      .execute();
    for (const row of rows) put('message', row.id, `Message in case #${row.number}`);
  }
  const orders = idsOf('order');
  if (orders.length > 0) {
    const rows = await db
      .selectFrom('orders')
      .innerJoin('customers', 'customers.id', 'orders.customer_id')
      .select(['orders.id', 'orders.reference', 'customers.name'])
      .where('orders.id', 'in', orders)
      .execute();
    for (const row of rows) put('order', row.id, `Order ${row.reference} (${row.name})`);
  }
  const scripts = idsOf('script');
  if (scripts.length > 0) {
    const rows = await db
      .selectFrom('script_templates')
      .select(['key', 'title', 'version'])
      .where('key', 'in', scripts)
      .orderBy('version', 'asc')
      .execute();
    // The newest version's title wins (rows come oldest first).
    for (const row of rows) put('script', row.key, row.title);
  }
  const tokens = idsOf('api-token');
  if (tokens.length > 0) {
    const rows = await db.selectFrom('api_tokens').select(['id', 'name']).where('id', 'in', tokens).execute();
    for (const row of rows) put('api-token', row.id, `API token “${row.name}”`);
  }
  const calls = idsOf('call');
  if (calls.length > 0) {
    const rows = await db
      .selectFrom('call_logs')
      .innerJoin('conversations', 'conversations.id', 'call_logs.conversation_id')
      .select(['call_logs.id', 'call_logs.kind', 'conversations.number'])
      .where('call_logs.id', 'in', calls)
      .execute();
    for (const row of rows)
      put('call', row.id, `${row.kind === 'video' ? 'Video meeting' : 'Phone call'} on case #${row.number}`);
  }
  for (const country of idsOf('guidance')) put('guidance', country, `Regional guidance ${country}`);
  return labels;
}
