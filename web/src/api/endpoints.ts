import { api, queryString } from './client';
import type {
  AnalysisCorrection,
  ApiToken,
  Assist,
  AuditEntry,
  AuthSettings,
  CallLog,
  ChatSessionState,
  ConversationDetail,
  ConversationSummary,
  CorrectionVerdict,
  Customer,
  EmailMessage,
  EmailSettings,
  EmailSettingsPatch,
  EmailStatusItem,
  ImportReport,
  InsertedTemplate,
  Job,
  JobStatus,
  LoggedCall,
  Message,
  Money,
  NewCall,
  Order,
  OwnSession,
  Page,
  PlaybookAction,
  PlaybookState,
  RegionalGuidance,
  ReplyReview,
  Role,
  Script,
  ScriptFields,
  Session,
  User,
  WidgetSettings,
  WidgetSettingsFields,
} from './types';

const base = '/api/v1';

export const authApi = {
  me: () => api.get<Session>(`${base}/auth/me`, { allowUnauthorized: true }),
  /** `code`: the authenticator app's code, once the server has said this account needs one. */
  login: (email: string, password: string, code?: string) =>
    api.post<Session>(`${base}/auth/login`, code ? { email, password, code } : { email, password }, { allowUnauthorized: true }),
  logout: () => api.post<void>(`${base}/auth/logout`, undefined, { allowUnauthorized: true }),
  sessions: () => api.get<{ items: OwnSession[] }>(`${base}/auth/sessions`),
  endSession: (id: string) => api.delete<void>(`${base}/auth/sessions/${encodeURIComponent(id)}`),
  endOtherSessions: () => api.delete<{ ended: number }>(`${base}/auth/sessions`),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<{ endedSessions: number }>(`${base}/auth/password`, { currentPassword, newPassword }),
  startTwoFactor: () => api.post<{ secret: string; uri: string }>(`${base}/auth/two-factor/enrolment`),
  confirmTwoFactor: (code: string) => api.post<{ user: User }>(`${base}/auth/two-factor/confirm`, { code }),
  disableTwoFactor: (code: string) => api.post<{ user: User }>(`${base}/auth/two-factor/disable`, { code }),
  settings: () => api.get<AuthSettings>(`${base}/auth/settings`),
  updateSettings: (settings: { requireTwoFactorForPrivileged: boolean }) =>
    api.put<AuthSettings>(`${base}/auth/settings`, settings),
};

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  approvalLimit?: Money;
}

export type UserChanges = Partial<{
  name: string;
  role: Role;
  approvalLimit: Money;
  active: boolean;
  /** A new temporary password; ends all of that user's sessions. */
  password: string;
  resetTwoFactor: true;
}>;

export const usersApi = {
  list: () => api.get<{ items: User[] }>(`${base}/users`),
  create: (user: NewUser) => api.post<User>(`${base}/users`, user),
  update: (id: string, changes: UserChanges) => api.patch<User>(`${base}/users/${encodeURIComponent(id)}`, changes),
};

export const tokensApi = {
  list: () => api.get<{ items: ApiToken[] }>(`${base}/tokens`),
  create: (name: string, role: Role, expiresAt: string | null) =>
    api.post<{ token: ApiToken; secret: string }>(`${base}/tokens`, { name, role, expiresAt }),
  revoke: (id: string) => api.delete<void>(`${base}/tokens/${encodeURIComponent(id)}`),
};

export interface ConversationFilters {
  status: string; // comma separated, '' = every status
  assigneeId: string; // '' = anyone, 'me', 'none' or a user id
  channel: string;
  sort: InboxSort;
  minHeat: string; // '' = any heat, else '0'..'100'
  flag: string; // '' = any, else a ConversationFlag
}

export type InboxSort = 'newest' | 'waiting' | 'heat';

export type ConversationChanges = Partial<{
  status: ConversationSummary['status'];
  priority: ConversationSummary['priority'];
  assigneeId: string | null;
  subject: string;
}>;

export const conversationsApi = {
  list: (filters: ConversationFilters, cursor: string | null) =>
    api.get<Page<ConversationSummary>>(`${base}/conversations${queryString({ ...filters, limit: 50, cursor })}`),
  forCustomer: (customerId: string) =>
    api.get<{ items: ConversationSummary[] }>(`${base}/customers/${encodeURIComponent(customerId)}/conversations`),
  get: (id: string) => api.get<ConversationDetail>(`${base}/conversations/${encodeURIComponent(id)}`),
  earlier: (id: string, beforeMessageId: string) =>
    api.get<ConversationDetail>(
      `${base}/conversations/${encodeURIComponent(id)}${queryString({ before: beforeMessageId, limit: 50 })}`,
    ),
  update: (id: string, changes: ConversationChanges) =>
    api.patch<ConversationSummary>(`${base}/conversations/${encodeURIComponent(id)}`, changes),
  send: (id: string, kind: 'agent' | 'note', body: string, insertedTemplate?: InsertedTemplate | null) =>
    api.post<Message>(`${base}/conversations/${encodeURIComponent(id)}/messages`, {
      kind,
      body,
      ...(kind === 'agent' && insertedTemplate ? { insertedTemplate } : {}),
    }),
};

export const assistApi = {
  get: (conversationId: string) => api.get<Assist>(`${base}/conversations/${encodeURIComponent(conversationId)}/assist`),
  act: (conversationId: string, action: PlaybookAction) =>
    api.post<PlaybookState>(`${base}/conversations/${encodeURIComponent(conversationId)}/playbook`, action),
  /** The live check of a draft; `insertedTemplate` is the script text as inserted. */
  coach: (conversationId: string, draft: string, insertedTemplate: string | null, signal?: AbortSignal) =>
    api.post<ReplyReview>(
      `${base}/conversations/${encodeURIComponent(conversationId)}/coach`,
      insertedTemplate ? { draft, insertedTemplate } : { draft },
      { signal },
    ),
};

export const scriptsApi = {
  list: (includeRetired: boolean) =>
    api.get<{ items: Script[] }>(`${base}/scripts${queryString({ includeRetired: String(includeRetired) })}`),
  versions: (key: string) => api.get<{ items: Script[] }>(`${base}/scripts/${encodeURIComponent(key)}/versions`),
  create: (fields: ScriptFields) => api.post<Script>(`${base}/scripts`, fields),
  revise: (key: string, fields: ScriptFields) => api.put<Script>(`${base}/scripts/${encodeURIComponent(key)}`, fields),
  retire: (key: string) => api.post<Script>(`${base}/scripts/${encodeURIComponent(key)}/retire`),
  restore: (key: string) => api.post<Script>(`${base}/scripts/${encodeURIComponent(key)}/restore`),
};

export const regionalApi = {
  list: () => api.get<{ items: Record<string, RegionalGuidance> }>(`${base}/regional-guidance`),
  save: (country: string, guidance: Omit<RegionalGuidance, 'edited'>) =>
    api.put<RegionalGuidance>(`${base}/regional-guidance/${encodeURIComponent(country)}`, guidance),
};

export const analysisApi = {
  correct: (messageId: string, signal: string, verdict: CorrectionVerdict, note?: string) =>
    api.post<{ id: string }>(`${base}/messages/${encodeURIComponent(messageId)}/corrections`, {
      signal,
      verdict,
      ...(note ? { note } : {}),
    }),
  corrections: (messageId?: string) =>
    api.get<Page<AnalysisCorrection>>(`${base}/analysis/corrections${queryString({ messageId, limit: 50 })}`),
};

export type CustomerChanges = Partial<Omit<Customer, 'id' | 'createdAt' | 'updatedAt'>>;

export const customersApi = {
  list: (params: { query: string; status: string; tier: string }, cursor: string | null) =>
    api.get<Page<Customer>>(`${base}/customers${queryString({ ...params, limit: 50, cursor })}`),
  get: (id: string) => api.get<Customer>(`${base}/customers/${encodeURIComponent(id)}`),
  update: (id: string, changes: CustomerChanges) => api.patch<Customer>(`${base}/customers/${encodeURIComponent(id)}`, changes),
  orders: (id: string) => api.get<{ items: Order[] }>(`${base}/customers/${encodeURIComponent(id)}/orders`),
  importCsv: (kind: 'customers' | 'orders', csv: string) =>
    api.post<ImportReport>(`${base}/${kind}/import`, csv, { contentType: 'text/csv' }),
};

export const auditApi = {
  list: (filters: Record<string, string | undefined>, cursor: string | null) =>
    api.get<Page<AuditEntry>>(`${base}/audit${queryString({ ...filters, limit: 50, cursor })}`),
  /** A plain link: the browser downloads it with the session cookie (a GET needs no CSRF token). */
  csvUrl: (filters: Record<string, string | undefined>) => `${base}/audit.csv${queryString(filters)}`,
};

export const emailApi = {
  settings: () => api.get<EmailSettings>(`${base}/email/settings`),
  saveSettings: (patch: EmailSettingsPatch) => api.put<EmailSettings>(`${base}/email/settings`, patch),
  status: (conversationId: string) =>
    api.get<{ items: EmailStatusItem[] }>(`${base}/conversations/${encodeURIComponent(conversationId)}/email-status`),
  message: (messageId: string) => api.get<EmailMessage>(`${base}/email/messages/${encodeURIComponent(messageId)}`),
};

export const widgetApi = {
  settings: () => api.get<WidgetSettings>(`${base}/widget/settings`),
  saveSettings: (fields: WidgetSettingsFields) => api.put<WidgetSettings>(`${base}/widget/settings`, fields),
};

export const chatApi = {
  sessions: (conversationId: string) =>
    api.get<{ sessions: ChatSessionState[] }>(`${base}/conversations/${encodeURIComponent(conversationId)}/chat`),
  typing: (conversationId: string, typing: boolean) =>
    api.post<void>(`${base}/conversations/${encodeURIComponent(conversationId)}/chat/typing`, { typing }),
  read: (conversationId: string, messageId: string) =>
    api.post<void>(`${base}/conversations/${encodeURIComponent(conversationId)}/chat/read`, { messageId }),
};

export const callsApi = {
  list: (conversationId: string) =>
    api.get<{ calls: CallLog[] }>(`${base}/conversations/${encodeURIComponent(conversationId)}/calls`),
  log: (conversationId: string, call: NewCall) =>
    api.post<LoggedCall>(`${base}/conversations/${encodeURIComponent(conversationId)}/calls`, call),
};

export const jobsApi = {
  list: (status: JobStatus | '') => api.get<{ items: Job[] }>(`${base}/jobs${queryString({ status, limit: 100 })}`),
  retry: (id: string) => api.post<Job>(`${base}/jobs/${encodeURIComponent(id)}/retry`),
};
