import type { EntityManager } from 'typeorm';
import type { ServiceSchema } from '../database/data-source.js';
import {
  AUDIT_PURGE_SETTING,
  type AuditDetail,
  type AuditOutcome,
  type AuditRecord,
} from './audit-entry.js';

/** An audit_event row as the services' audit_event_v1 read contract shows it: no hashes. */
export interface PublishedAuditEventRow {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_unit: string | null;
  client_ip: string | null;
  action: string;
  outcome: AuditOutcome;
  case_no: string | null;
  target_type: string | null;
  target_id: string | null;
  status: number | null;
  detail: AuditDetail;
  correlation_id: string | null;
}

/** An audit_event row whole, with the hashes that chain it. */
export interface HashedAuditEventRow extends PublishedAuditEventRow {
  prev_hash: string;
  hash: string;
}

/** The row as the chain hashes it. */
export function auditRecordOf(row: HashedAuditEventRow): AuditRecord {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    actorUnit: row.actor_unit,
    clientIp: row.client_ip,
    action: row.action,
    outcome: row.outcome,
    caseNo: row.case_no,
    targetType: row.target_type,
    targetId: row.target_id,
    status: row.status,
    detail: row.detail,
    correlationId: row.correlation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The chain head, locked until the commit, with the database clock to the millisecond. */
export async function lockChainHeadWithClock(
  manager: EntityManager,
  schema: ServiceSchema,
): Promise<{ last_seq: string; last_hash: string; now: Date } | undefined> {
  const [head] = await manager.query<{ last_seq: string; last_hash: string; now: Date }[]>(
    `SELECT last_seq, last_hash, date_trunc('milliseconds', clock_timestamp()) AS now
     FROM "${schema}".audit_chain FOR UPDATE`,
  );
  return head;
}

/** The chain head, locked until the commit. */
export async function lockChainHead(
  manager: EntityManager,
  schema: ServiceSchema,
): Promise<{ last_seq: string; last_hash: string } | undefined> {
  const [head] = await manager.query<{ last_seq: string; last_hash: string }[]>(
    `SELECT last_seq, last_hash FROM "${schema}".audit_chain FOR UPDATE`,
  );
  return head;
}

export async function readChainHead(
  manager: EntityManager,
  schema: ServiceSchema,
): Promise<{ last_seq: string; last_hash: string } | undefined> {
  const [head] = await manager.query<{ last_seq: string; last_hash: string }[]>(
    `SELECT last_seq, last_hash FROM "${schema}".audit_chain`,
  );
  return head;
}

export async function insertAuditEvent(
  manager: EntityManager,
  schema: ServiceSchema,
  record: AuditRecord,
): Promise<void> {
  await manager.query(
    `INSERT INTO "${schema}".audit_event
       (seq, id, occurred_at, actor_id, actor_username, actor_unit, client_ip, action, outcome,
        case_no, target_type, target_id, status, detail, correlation_id, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      record.seq,
      record.id,
      record.occurredAt,
      record.actorId,
      record.actorUsername,
      record.actorUnit,
      record.clientIp,
      record.action,
      record.outcome,
      record.caseNo,
      record.targetType,
      record.targetId,
      record.status,
      JSON.stringify(record.detail),
      record.correlationId,
      record.prevHash,
      record.hash,
    ],
  );
}

export async function moveChainHead(
  manager: EntityManager,
  schema: ServiceSchema,
  to: { seq: string; hash: string },
): Promise<void> {
  await manager.query(`UPDATE "${schema}".audit_chain SET last_seq = $1, last_hash = $2`, [
    to.seq,
    to.hash,
  ]);
}

export async function makeTransactionReadOnly(manager: EntityManager): Promise<void> {
  await manager.query('SET TRANSACTION READ ONLY');
}

/** Up to `limit` entries after `seq`, in seq order. */
export async function auditEventsAfter(
  manager: EntityManager,
  schema: ServiceSchema,
  seq: string,
  limit: number,
): Promise<AuditRecord[]> {
  const rows = await manager.query<HashedAuditEventRow[]>(
    `SELECT * FROM "${schema}".audit_event WHERE seq > $1 ORDER BY seq LIMIT ${limit}`,
    [seq],
  );
  return rows.map(auditRecordOf);
}

/** The chain's first seq, and the first seq recorded at or after `before`. */
export async function purgeBounds(
  manager: EntityManager,
  schema: ServiceSchema,
  before: Date,
): Promise<{ first: string | null; kept: string | null } | undefined> {
  const [bounds] = await manager.query<{ first: string | null; kept: string | null }[]>(
    `SELECT min(seq) AS first, min(seq) FILTER (WHERE occurred_at >= $1) AS kept
     FROM "${schema}".audit_event`,
    [before],
  );
  return bounds;
}

export async function prevHashOf(
  manager: EntityManager,
  schema: ServiceSchema,
  seq: string,
): Promise<string | undefined> {
  const [kept] = await manager.query<{ prev_hash: string }[]>(
    `SELECT prev_hash FROM "${schema}".audit_event WHERE seq = $1`,
    [seq],
  );
  return kept?.prev_hash;
}

/**
 * Deletes the entries before `seq` under the purge setting, which the append-only trigger allows
 * for this transaction only; returns how many went.
 */
export async function deleteAuditEventsBefore(
  manager: EntityManager,
  schema: ServiceSchema,
  seq: string,
): Promise<number> {
  await manager.query(`SELECT set_config($1, 'on', true)`, [AUDIT_PURGE_SETTING]);
  const [, deleted] = await manager.query<[unknown, number]>(
    `DELETE FROM "${schema}".audit_event WHERE seq < $1`,
    [seq],
  );
  await manager.query(`SELECT set_config($1, 'off', true)`, [AUDIT_PURGE_SETTING]);
  return deleted;
}
