export { analyzeConversation } from './analyze-conversation.ts';
export { analyzeMessage } from './analyze-message.ts';
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
