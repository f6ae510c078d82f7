import type { EntityManager } from 'typeorm';
import type { JobName } from '../contract/queues.js';
import type { ServiceSchema } from '../database/data-source.js';

/** Forgets the jobs a service handled more than `days` ago; returns how many. */
export async function purgeProcessedMessages(
  manager: EntityManager,
  schema: ServiceSchema,
  days: number,
): Promise<number> {
  const [, purged] = await manager.query<[unknown[], number]>(
    `DELETE FROM "${schema}".processed_message
     WHERE processed_at < now() - make_interval(days => $1)`,
    [days],
  );
  return purged;
}

/**
 * Marks a job as handled; false when it already was. Concurrent deliveries of one job wait on
 * the primary key, so exactly one of them goes on.
 */
export async function claimProcessedMessage(
  manager: EntityManager,
  schema: string,
  message: { messageId: string; jobName: JobName },
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO "${schema}".processed_message (message_id, job_name) VALUES ($1, $2)
     ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
    [message.messageId, message.jobName],
  );
  return rows.length === 1;
}
