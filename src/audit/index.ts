export { auditRoutes } from './audit.routes.ts';
export { type AuditItem, listAudit } from './list-audit.ts';
export { type AuditAction, type AuditEntry, recordAudit } from './record-audit.ts';
