export * from './audit-chain.js';
export * from './audit-context.js';
export * from './audit-entry.js';
export * from './audit-requests.js';
export * from './audit-tables.migration-helpers.js';
export * from './audit-trail.js';
export * from './audit.module.js';
export {
  auditRecordOf,
  type HashedAuditEventRow,
  type PublishedAuditEventRow,
} from './audit.repository.js';
