import type { QueryRunner } from 'typeorm';
import type { ServiceSchema } from './data-source.js';

/**
 * The tables every service has for reliable messaging, created in its own schema:
 * - outbox: messages written in the same transaction as the change they announce;
 * - processed_message: ids of jobs already handled, so a redelivered job changes nothing;
 * - timeline_entry: what happened to a case, as this service saw it.
 */
export async function createMessagingTables(runner: QueryRunner, schema: ServiceSchema) {
  await runner.query(`
    CREATE TABLE "${schema}".outbox (
      id uuid PRIMARY KEY,
      job_name text NOT NULL,
      payload jsonb NOT NULL,
      correlation_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await runner.query(
    `CREATE INDEX outbox_unpublished ON "${schema}".outbox (created_at) WHERE published_at IS NULL`,
  );
  await runner.query(`
    CREATE TABLE "${schema}".processed_message (
      message_id uuid PRIMARY KEY,
      job_name text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    )`);
  await runner.query(`
    CREATE TABLE "${schema}".timeline_entry (
      id uuid PRIMARY KEY,
      petition_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      type text NOT NULL,
      visible_to_petitioner boolean NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'
    )`);
  await runner.query(
    `CREATE INDEX timeline_entry_petition ON "${schema}".timeline_entry (petition_id, occurred_at)`,
  );
}

export async function dropMessagingTables(runner: QueryRunner, schema: ServiceSchema) {
  for (const table of ['timeline_entry', 'processed_message', 'outbox']) {
    await runner.query(`DROP TABLE "${schema}".${table}`);
  }
}

/** The trace context (W3C traceparent) of the work that wrote each outbox message. */
export async function addOutboxTraceContext(runner: QueryRunner, schema: ServiceSchema) {
  await runner.query(`ALTER TABLE "${schema}".outbox ADD COLUMN trace_context text`);
}

export async function dropOutboxTraceContext(runner: QueryRunner, schema: ServiceSchema) {
  await runner.query(`ALTER TABLE "${schema}".outbox DROP COLUMN trace_context`);
}
