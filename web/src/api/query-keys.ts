import type { ConversationFilters } from './endpoints';

export const queryKeys = {
  me: ['me'] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  audit: (filters: Record<string, string | undefined>) => ['audit', filters] as const,
  conversationLists: ['conversations'] as const,
  conversations: (filters: ConversationFilters) => ['conversations', filters] as const,
  conversation: (id: string) => ['conversation', id] as const,
  /** Client-side only: abuse alerts for managers, filled by the live connection. */
  abuseAlerts: ['abuse-alerts'] as const,
  customerLists: ['customers'] as const,
  customers: (params: { query: string; status: string; tier: string }) => ['customers', params] as const,
  customer: (id: string) => ['customer', id] as const,
  customerOrders: (id: string) => ['customer', id, 'orders'] as const,
  customerConversations: (id: string) => ['customer', id, 'conversations'] as const,
  assist: (conversationId: string) => ['assist', conversationId] as const,
  scriptLists: ['scripts'] as const,
  scripts: (includeRetired: boolean) => ['scripts', { includeRetired }] as const,
  scriptVersions: (key: string) => ['scripts', 'versions', key] as const,
  regionalGuidance: ['regional-guidance'] as const,
  emailSettings: ['email-settings'] as const,
  widgetSettings: ['widget-settings'] as const,
  jobs: (status: string) => ['jobs', status] as const,
  jobLists: ['jobs'] as const,
  emailStatus: (conversationId: string) => ['email-status', conversationId] as const,
  emailMessage: (messageId: string) => ['email-message', messageId] as const,
  chatSessions: (conversationId: string) => ['chat-sessions', conversationId] as const,
  /** Client-side only: whether the customer is typing, filled by the live connection. */
  chatTyping: (conversationId: string) => ['chat-typing', conversationId] as const,
  calls: (conversationId: string) => ['calls', conversationId] as const,
};
