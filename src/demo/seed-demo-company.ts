import type { Kysely } from 'kysely';
import { createUser } from '../auth/index.ts';
import { importConversation } from '../conversations/index.ts';
import { createCustomer, createOrder } from '../customers/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/schema.ts';
import type { EventBus } from '../platform/events/event-bus.ts';
import type { DefuseEvent } from '../realtime/index.ts';
import { demoConversations, demoCustomers, demoOrders, demoPassword, demoUsers } from './demo-company.data.ts';

export interface SeedDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: EventBus<DefuseEvent>;
}

export interface SeedReport {
  seeded: boolean;
  logins: Array<{ email: string; role: string; password: string }>;
}

const minute = 60_000;
const day = 24 * 60 * minute;

/** The demo company goes into an empty database only, through the same use cases the product uses. */
export async function seedDemoCompany(deps: SeedDeps): Promise<SeedReport> {
  const existing = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const logins = demoUsers.map((user) => ({ email: user.email, role: user.role, password: demoPassword }));
  if (existing) return { seeded: false, logins };

  const now = deps.clock.now().getTime();
  const authDeps = { ...deps, sessionTtlHours: 1 };
  const userIds = new Map<string, string>();
  for (const user of demoUsers) {
    const created = await createUser(authDeps, null, {
      email: user.email,
      name: user.name,
      role: user.role,
      password: demoPassword,
      approvalLimit: { amountMinor: user.approvalLimitMinor, currency: user.approvalLimitCurrency },
    });
    userIds.set(user.key, created.id);
  }
  const customerIds = new Map<string, string>();
  for (const customer of demoCustomers) {
    const created = await createCustomer(deps, {
      name: customer.name,
      emails: customer.emails,
      phones: customer.phones,
      externalId: customer.externalId,
      country: customer.country,
      region: customer.region,
      language: customer.language,
      currency: customer.currency,
      timeZone: customer.timeZone,
      tier: customer.tier,
      lifetimeValueMinor: customer.lifetimeValueMinor,
      tags: customer.tags,
      notes: customer.notes,
      status: customer.status,
    });
    customerIds.set(customer.key, created.id);
  }
  const daysAgo = (days: number | null) => (days === null ? null : new Date(now - days * day).toISOString());
  for (const order of demoOrders) {
    await createOrder(deps, {
      customerId: customerIds.get(order.customerKey) ?? '',
      reference: order.reference,
      amount: { amountMinor: order.amountMinor, currency: order.currency },
      status: order.status,
      description: order.description,
      orderedAt: daysAgo(order.orderedDaysAgo) ?? new Date(now).toISOString(),
      shippedAt: daysAgo(order.shippedDaysAgo),
      deliveredAt: daysAgo(order.deliveredDaysAgo),
    });
  }
  for (const conversation of demoConversations) {
    await importConversation(deps, {
      customerId: customerIds.get(conversation.customerKey) ?? '',
      channel: conversation.channel,
      subject: conversation.subject,
      status: conversation.status,
      priority: conversation.priority,
      assigneeId: conversation.assigneeKey ? (userIds.get(conversation.assigneeKey) ?? null) : null,
      messages: conversation.messages.map((message) => ({
        kind: message.kind,
        authorId: message.authorKey ? (userIds.get(message.authorKey) ?? null) : null,
        body: message.body,
        at: new Date(now - message.minutesAgo * minute).toISOString(),
      })),
    });
  }
  return { seeded: true, logins };
}
