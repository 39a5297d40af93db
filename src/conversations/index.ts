export {
  type AgentRepliesQuery,
  agentReplyIdsSince,
  conversationExists,
  conversationIdByNumber,
  replyForOutbound,
} from './db/conversation-reads.ts';
export type { SentReplyReview } from './domain/conversation.ts';
export {
  type Channel,
  type ConversationStatus,
  type ConversationSummary,
  channels,
  type Message,
} from './domain/conversation.ts';
export { conversationsRoutes } from './http/conversations.routes.ts';
export { changeConversation, postMessage } from './use-cases/change-conversation.ts';
export type { ConversationDeps, InsertedTemplate } from './use-cases/conversation-deps.ts';
export { getConversation } from './use-cases/get-conversation.ts';
export { type ImportConversationInput, importConversation } from './use-cases/import-conversation.ts';
export { type InboundMessage, ingestInbound } from './use-cases/ingest-inbound.ts';
export { listConversations } from './use-cases/list-conversations.ts';
export { moveConversationToCustomer, publishConversationUpdated } from './use-cases/move-conversation.ts';
export { countStaleMessages, reanalyzeBatch } from './use-cases/reanalyze-conversations.ts';
