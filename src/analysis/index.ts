export { analyzeConversation } from './analyze-conversation.ts';
export { analyzeMessage } from './analyze-message.ts';
export {
  afterAgentReply,
  afterCustomerMessage,
  type CaseHeat,
  type CustomerMessageContext,
  customerSettled,
  readReply,
} from './domain/case-heat.ts';
export type {
  AbuseKind,
  AbuseScore,
  CategoryName,
  ConversationAnalysis,
  ConversationEntry,
  ConversationEntryKind,
  EmotionName,
  Evidence,
  IntentName,
  MessageAnalysis,
  MessageContext,
  Score,
  Severity,
  Trend,
} from './domain/types.ts';
export { analysisVersion } from './version.ts';
