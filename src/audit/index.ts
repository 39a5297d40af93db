export { auditRoutes } from './audit.routes.ts';
export { type AuditChanges, type DiffOptions, diffRecords } from './diff.ts';
export { type AuditItem, listAudit } from './list-audit.ts';
export {
  type AuditAction,
  type AuditAuthor,
  type AuditEntry,
  auditAuthorOf,
  type ChangeRecord,
  recordAudit,
  recordChange,
} from './record-audit.ts';
