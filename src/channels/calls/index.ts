export { type CallLog, callDirections, callKinds, callOutcomes } from './domain/call.ts';
export {
  assignRoles,
  detectFormat,
  parseSrt,
  parseTranscript,
  parseTxt,
  parseVtt,
  TranscriptError,
  type TranscriptFormat,
  type TranscriptTurn,
} from './domain/transcript.ts';
export { callsRoutes } from './http/calls.routes.ts';
export { listCalls, logCall } from './use-cases/log-call.ts';
