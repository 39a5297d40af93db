import { describe, expect, it } from 'vitest';
import { commonPasswords, passwordProblem } from '../auth/index.ts';
import { demoConversations, demoCustomers, demoOrders, demoPassword, demoUsers } from './demo-company.data.ts';

const userKeys = new Set(demoUsers.map((user) => user.key));
const customerByKey = new Map(demoCustomers.map((customer) => [customer.key, customer]));

const duplicatesOf = (values: readonly string[]): string[] => values.filter((value, index) => values.indexOf(value) !== index);

const currencyByCountry: Record<string, string> = {
  RO: 'RON',
  DE: 'EUR',
  SE: 'SEK',
  JP: 'JPY',
  US: 'USD',
  GB: 'GBP',
  BR: 'BRL',
  IN: 'INR',
  FR: 'EUR',
  ES: 'EUR',
  CA: 'CAD',
};
const requiredCountries = ['RO', 'DE', 'SE', 'JP', 'US', 'GB', 'BR', 'IN'];

const isValidTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};

describe('demo users', () => {
  it('has three agents, one manager, one qa reviewer and one admin with a shared password', () => {
    const roles = demoUsers.map((user) => user.role).sort();
    expect(roles).toEqual(['admin', 'agent', 'agent', 'agent', 'manager', 'qa']);
    expect(demoPassword).toBe('defuse-demo-2026');
    // The seeder sets it through createUser, which applies the password policy.
    expect(passwordProblem(demoPassword, commonPasswords())).toBeNull();
  });

  it('has unique keys and unique @defuse.example e-mails', () => {
    expect(duplicatesOf(demoUsers.map((user) => user.key))).toEqual([]);
    expect(duplicatesOf(demoUsers.map((user) => user.email.toLowerCase()))).toEqual([]);
    for (const user of demoUsers) expect(user.email).toMatch(/^[a-z0-9.]+@defuse\.example$/);
  });

  it('gives agents a small approval limit, the manager a larger one and qa/admin none', () => {
    for (const user of demoUsers) {
      expect(Number.isInteger(user.approvalLimitMinor)).toBe(true);
      if (user.role === 'agent') expect(user.approvalLimitMinor).toBe(5000);
      if (user.role === 'manager') expect(user.approvalLimitMinor).toBeGreaterThan(5000);
      if (user.role === 'qa' || user.role === 'admin') expect(user.approvalLimitMinor).toBe(0);
    }
  });
});

describe('demo customers', () => {
  it('has at least 40 customers with unique keys, e-mails and external ids', () => {
    expect(demoCustomers.length).toBeGreaterThanOrEqual(40);
    expect(duplicatesOf(demoCustomers.map((customer) => customer.key))).toEqual([]);
    expect(duplicatesOf(demoCustomers.flatMap((customer) => customer.emails.map((e) => e.toLowerCase())))).toEqual([]);
    const externalIds = demoCustomers.flatMap((customer) => (customer.externalId === null ? [] : [customer.externalId]));
    expect(duplicatesOf(externalIds)).toEqual([]);
    for (const id of externalIds) expect(id).toMatch(/^CUS-\d{5}$/);
  });

  it('covers each required country with at least one customer in the right currency', () => {
    for (const country of requiredCountries) {
      const matching = demoCustomers.filter(
        (customer) => customer.country === country && customer.currency === currencyByCountry[country],
      );
      expect(matching.length, country).toBeGreaterThan(0);
    }
  });

  it('uses the currency of the customer country, a real IANA zone and ISO-shaped codes', () => {
    for (const customer of demoCustomers) {
      expect(currencyByCountry[customer.country], customer.key).toBe(customer.currency);
      expect(customer.country).toMatch(/^[A-Z]{2}$/);
      expect(customer.language).toMatch(/^[a-z]{2}$/);
      expect(isValidTimeZone(customer.timeZone), customer.timeZone).toBe(true);
    }
  });

  it('stores e-mails at example domains, phones in E.164 and integer lifetime values', () => {
    for (const customer of demoCustomers) {
      expect(customer.emails.length, customer.key).toBeGreaterThan(0);
      for (const email of customer.emails) expect(email).toMatch(/^[^@\s]+@([a-z0-9-]+\.)*example(\.[a-z]{2,3})+$/);
      for (const phone of customer.phones) expect(phone).toMatch(/^\+[1-9]\d{6,14}$/);
      expect(Number.isInteger(customer.lifetimeValueMinor)).toBe(true);
      expect(customer.lifetimeValueMinor).toBeGreaterThanOrEqual(0);
    }
  });

  it('mixes tiers and has customers on watch and exactly one ended relationship', () => {
    const tiers = new Set(demoCustomers.map((customer) => customer.tier));
    expect([...tiers].sort()).toEqual(['gold', 'standard', 'vip']);
    expect(demoCustomers.filter((customer) => customer.status === 'watch').length).toBeGreaterThanOrEqual(2);
    expect(demoCustomers.filter((customer) => customer.status === 'ended')).toHaveLength(1);
  });
});

describe('demo orders', () => {
  it('has at least 60 orders with unique ORD- references', () => {
    expect(demoOrders.length).toBeGreaterThanOrEqual(60);
    expect(duplicatesOf(demoOrders.map((order) => order.reference))).toEqual([]);
    for (const order of demoOrders) expect(order.reference).toMatch(/^ORD-\d{5}$/);
  });

  it('belongs to known customers and is priced in integer minor units of their currency', () => {
    for (const order of demoOrders) {
      const customer = customerByKey.get(order.customerKey);
      expect(customer, order.reference).toBeDefined();
      expect(order.currency, order.reference).toBe(customer?.currency);
      expect(Number.isInteger(order.amountMinor), order.reference).toBe(true);
      expect(order.amountMinor, order.reference).toBeGreaterThan(0);
    }
  });

  it('ships after ordering and delivers after shipping, with dates matching the status', () => {
    for (const order of demoOrders) {
      const { orderedDaysAgo, shippedDaysAgo, deliveredDaysAgo, status } = order;
      if (shippedDaysAgo !== null) expect(shippedDaysAgo, order.reference).toBeLessThanOrEqual(orderedDaysAgo);
      if (deliveredDaysAgo !== null) {
        expect(shippedDaysAgo, order.reference).not.toBeNull();
        expect(deliveredDaysAgo, order.reference).toBeLessThanOrEqual(shippedDaysAgo ?? -1);
      }
      if (status === 'placed' || status === 'paid') expect(shippedDaysAgo, order.reference).toBeNull();
      if (status === 'shipped') expect(deliveredDaysAgo, order.reference).toBeNull();
      if (status === 'delivered') expect(deliveredDaysAgo, order.reference).not.toBeNull();
    }
  });

  it('lets an agent check claims against the record: shipped-not-delivered, delivered, disputed', () => {
    const statuses = new Set(demoOrders.map((order) => order.status));
    for (const status of ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'disputed'] as const) {
      expect(statuses.has(status), status).toBe(true);
    }
  });
});

describe('demo conversations', () => {
  it('has at least 30 conversations with unique keys covering every channel', () => {
    expect(demoConversations.length).toBeGreaterThanOrEqual(30);
    expect(duplicatesOf(demoConversations.map((conversation) => conversation.key))).toEqual([]);
    const channels = new Set(demoConversations.map((conversation) => conversation.channel));
    expect([...channels].sort()).toEqual(['api', 'chat', 'email', 'phone', 'social', 'video']);
  });

  it('mixes every status and priority and leaves some unassigned', () => {
    const statuses = new Set(demoConversations.map((conversation) => conversation.status));
    expect([...statuses].sort()).toEqual(['closed', 'escalated', 'open', 'pending', 'resolved']);
    const priorities = new Set(demoConversations.map((conversation) => conversation.priority));
    expect([...priorities].sort()).toEqual(['high', 'low', 'normal', 'urgent']);
    expect(demoConversations.some((conversation) => conversation.assigneeKey === null)).toBe(true);
  });

  it('points at known customers, assignees and authors', () => {
    for (const conversation of demoConversations) {
      expect(customerByKey.has(conversation.customerKey), conversation.key).toBe(true);
      if (conversation.assigneeKey !== null) expect(userKeys.has(conversation.assigneeKey), conversation.key).toBe(true);
      for (const message of conversation.messages) {
        if (message.kind === 'agent' || message.kind === 'note') {
          expect(userKeys.has(message.authorKey ?? ''), `${conversation.key}: ${message.body.slice(0, 30)}`).toBe(true);
        } else {
          expect(message.authorKey, conversation.key).toBeUndefined();
        }
      }
    }
  });

  it('has 2 to 8 non-empty messages in strictly chronological order', () => {
    for (const conversation of demoConversations) {
      const { messages } = conversation;
      expect(messages.length, conversation.key).toBeGreaterThanOrEqual(2);
      expect(messages.length, conversation.key).toBeLessThanOrEqual(8);
      expect(messages[0]?.kind === 'customer' || messages[0]?.kind === 'system', conversation.key).toBe(true);
      messages.forEach((message, index) => {
        expect(message.body.trim().length, conversation.key).toBeGreaterThan(0);
        expect(Number.isInteger(message.minutesAgo) && message.minutesAgo >= 0, conversation.key).toBe(true);
        const previous = messages[index - 1];
        if (previous !== undefined) expect(message.minutesAgo, conversation.key).toBeLessThan(previous.minutesAgo);
      });
    }
  });

  it('includes internal notes, system messages and a customer left unanswered three times', () => {
    const kinds = new Set(demoConversations.flatMap((conversation) => conversation.messages.map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(['agent', 'customer', 'note', 'system']);
    const unanswered = demoConversations.filter(
      (conversation) =>
        conversation.status === 'open' &&
        conversation.messages.length >= 3 &&
        conversation.messages.every((message) => message.kind === 'customer'),
    );
    expect(unanswered.length).toBeGreaterThan(0);
  });

  it('follows one customer through several refund claims over weeks', () => {
    const byCustomer = new Map<string, number>();
    for (const conversation of demoConversations) {
      byCustomer.set(conversation.customerKey, (byCustomer.get(conversation.customerKey) ?? 0) + 1);
    }
    expect(Math.max(...byCustomer.values())).toBeGreaterThanOrEqual(3);
  });
});
