export { assistRoutes } from './http/assist.routes.ts';
export { type Assist, getAssist, recordPlaybookAction, reviewDraft, reviewOnSend } from './use-cases/assist-conversation.ts';
export type { AssistDeps } from './use-cases/assist-deps.ts';
