export { type AuditAction, type AuditEntry, recordAudit } from './record-audit.ts';
export { type AuditItem, listAudit } from './list-audit.ts';
export { auditRoutes } from './audit.routes.ts';
