import { api, queryString } from '../api/client';

export type ErasureStatus = 'pending' | 'approved' | 'rejected';

export interface ErasureRequest {
  id: string;
  customerId: string;
  customerName: string;
  reason: string;
  status: ErasureStatus;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface PrivacySettings {
  retentionMonths: number | null;
  updatedAt: string | null;
}

const base = '/api/v1';

export const privacyApi = {
  /** The readable export page; opened in a new tab, it is fetched with the session cookie. */
  exportPageUrl: (customerId: string) => `${base}/customers/${encodeURIComponent(customerId)}/export.html`,
  exportJsonUrl: (customerId: string) => `${base}/customers/${encodeURIComponent(customerId)}/export`,
  proposeErasure: (customerId: string, reason: string) =>
    api.post<ErasureRequest>(`${base}/customers/${encodeURIComponent(customerId)}/erasure`, { reason }),
  erasureRequests: (status: ErasureStatus) =>
    api.get<{ items: ErasureRequest[] }>(`${base}/erasure-requests${queryString({ status, limit: 100 })}`),
  decide: (id: string, decision: 'approve' | 'reject', note: string) =>
    api.post<ErasureRequest>(`${base}/erasure-requests/${encodeURIComponent(id)}/${decision}`, note ? { note } : {}),
  settings: () => api.get<PrivacySettings>(`${base}/privacy/settings`),
  saveSettings: (retentionMonths: number | null) => api.put<PrivacySettings>(`${base}/privacy/settings`, { retentionMonths }),
};

export const privacyKeys = {
  erasureRequests: (status: ErasureStatus) => ['privacy', 'erasure-requests', status] as const,
  allErasureRequests: ['privacy', 'erasure-requests'] as const,
  settings: ['privacy', 'settings'] as const,
};
