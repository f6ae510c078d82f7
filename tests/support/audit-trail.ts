import type pg from 'pg';
import type { HashedAuditEventRow, ServiceSchema } from '#common';

/** The services' audit trails, read and tampered with as an attacker holding the database would. */
export const SCHEMAS: ServiceSchema[] = ['intake', 'routing', 'notify'];

export async function rows(
  db: pg.Pool,
  schema: ServiceSchema,
  where = 'TRUE',
  params: unknown[] = [],
) {
  const result = await db.query<HashedAuditEventRow>(
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
