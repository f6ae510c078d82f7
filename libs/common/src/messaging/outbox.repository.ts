import type { DataSource, EntityManager } from 'typeorm';
import type { JobEnvelope, JobName } from '../contract/queues.js';

/** An outbox message as the relay publishes it. */
export interface OutboxRow {
  id: string;
  job_name: JobName;
  payload: JobEnvelope['payload'];
  correlation_id: string;
  trace_context: string | null;
  created_at: Date;
}

/** Stores a message in the schema's outbox, in the caller's transaction. */
export async function insertOutboxMessage(
  manager: EntityManager,
  schema: string,
  message: {
    id: string;
    jobName: JobName;
    payload: string;
    correlationId: string;
    traceContext: string | null;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO "${schema}".outbox (id, job_name, payload, correlation_id, trace_context)
     VALUES ($1, $2, $3, $4, $5)`,
    [message.id, message.jobName, message.payload, message.correlationId, message.traceContext],
  );
}

/**
 * The oldest unpublished messages, up to `limit`, locked until the commit; rows another replica
 * holds are skipped (SKIP LOCKED), so replicas share the work.
 */
export function claimUnpublished(
  manager: EntityManager,
  schema: string,
  limit: number,
): Promise<OutboxRow[]> {
  return manager.query<OutboxRow[]>(
    `SELECT id, job_name, payload, correlation_id, trace_context, created_at FROM "${schema}".outbox
     WHERE published_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
}

export async function markPublished(
  manager: EntityManager,
  schema: string,
  ids: readonly string[],
): Promise<void> {
  await manager.query(`UPDATE "${schema}".outbox SET published_at = now() WHERE id = ANY($1)`, [
    ids,
  ]);
}

/** Deletes the messages published longer than `retention` (a PostgreSQL interval) ago. */
export async function deletePublished(
  dataSource: DataSource,
  schema: string,
  retention: string,
): Promise<void> {
  await dataSource.query(
    `DELETE FROM "${schema}".outbox WHERE published_at < now() - interval '${retention}'`,
  );
}

/** How many messages are committed and not yet published. */
export async function countUnpublished(dataSource: DataSource, schema: string): Promise<number> {
  const [row] = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
  );
  return row?.n ?? 0;
}
