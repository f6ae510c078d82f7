import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { withSystem } from './support/system.js';

const SCHEMAS = ['intake', 'routing', 'notify'] as const;

/** What only keeps duplicates out is forgotten after its window, and not before. */
describe('records of handled jobs and Idempotency-Keys are purged after their window', () => {
  const sut = withSystem({
    settings: () => ({
      PROCESSED_MESSAGE_RETENTION_DAYS: '10',
      IDEMPOTENCY_KEY_RETENTION_HOURS: '2',
    }),
    prepare: async (env) => {
      for (const schema of SCHEMAS) {
        await env.db.query(
          `INSERT INTO ${schema}.processed_message (message_id, job_name, processed_at)
         VALUES ($1, 'petition.received', now() - interval '11 days'),
                ($2, 'petition.received', now() - interval '9 days')`,
          [old, recent],
        );
      }
      await env.db.query(
        `INSERT INTO intake.idempotency_record (scope, key, request_hash, created_at)
       VALUES ('public', 'old-key-0001', 'h', now() - interval '3 hours'),
              ('public', 'recent-key-0001', 'h', now() - interval '1 hour')`,
      );
    },
  });
  const old = randomUUID();
  const recent = randomUUID();

  it('each service purges its processed messages older than PROCESSED_MESSAGE_RETENTION_DAYS', async () => {
    for (const schema of SCHEMAS) {
      const ids = await eventually(async () => {
        const { rows } = await sut.env.db.query<{ message_id: string }>(
          `SELECT message_id FROM ${schema}.processed_message WHERE message_id = ANY ($1)`,
          [[old, recent]],
        );
        return rows.length === 1 && rows.map((row) => row.message_id);
      }, `${schema} to purge`);
      assert.deepEqual(ids, [recent], schema);
    }
  });

  it('intake purges Idempotency-Key records older than IDEMPOTENCY_KEY_RETENTION_HOURS', async () => {
    const keys = await eventually(async () => {
      const { rows } = await sut.env.db.query<{ key: string }>(
        `SELECT key FROM intake.idempotency_record`,
      );
      return rows.length === 1 && rows.map((row) => row.key);
    }, 'intake to purge');
    assert.deepEqual(keys, ['recent-key-0001']);
  });
});
