import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { AuditRecord, ServiceSchema } from '#common';
import type { TestEnvironment } from './environment.js';

/** The services' audit trails, read and tampered with as an attacker holding the database would. */
export const SCHEMAS: ServiceSchema[] = ['intake', 'routing', 'notify'];
const dist = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export interface Row {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_unit: string | null;
  client_ip: string | null;
  action: string;
  outcome: string;
  case_no: string | null;
  target_type: string | null;
  target_id: string | null;
  status: number | null;
  detail: Record<string, unknown>;
  correlation_id: string | null;
  prev_hash: string;
  hash: string;
}

/** `npm run cli -- <args>` against the test's database. */
export async function cli(env: TestEnvironment, ...args: string[]) {
  const child = spawn(process.execPath, [dist('apps/cli/src/main.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env.env },
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

export async function rows(
  db: pg.Pool,
  schema: ServiceSchema,
  where = 'TRUE',
  params: unknown[] = [],
) {
  const result = await db.query<Row>(
    `SELECT * FROM ${schema}.audit_event WHERE ${where} ORDER BY seq`,
    params,
  );
  return result.rows;
}

/** What the superuser can do with the triggers off: tamper, as an attacker with the database would. */
export async function asTamperer(db: pg.Pool, sql: string, params: unknown[] = []) {
  const client = await db.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(sql, params);
  } finally {
    await client.query(`SET session_replication_role = origin`);
    client.release();
  }
}

export function recordOf(row: Row): AuditRecord {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    actorUnit: row.actor_unit,
    clientIp: row.client_ip,
    action: row.action,
    outcome: row.outcome as AuditRecord['outcome'],
    caseNo: row.case_no,
    targetType: row.target_type,
    targetId: row.target_id,
    status: row.status,
    detail: row.detail as AuditRecord['detail'],
    correlationId: row.correlation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
