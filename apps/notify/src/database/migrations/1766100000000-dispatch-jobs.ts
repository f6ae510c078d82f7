import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each notification names the job that dispatches it (the outbox message id, also the BullMQ job
 * id) and when that job was last known to exist, so that one left PENDING with its job gone (Redis
 * lost it, it failed) is found and queued again instead of waiting for ever (event REDISPATCHED).
 */
export class DispatchJobs1766100000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE notify.notification
        ADD COLUMN dispatch_message_id uuid,
        ADD COLUMN dispatch_seen_at timestamptz`);
    await runner.query(
      `CREATE INDEX notification_awaiting_dispatch
       ON notify.notification ((coalesce(dispatch_seen_at, created_at)))
       WHERE status = 'PENDING' AND next_attempt_at IS NULL`,
    );
    await runner.query(`
      ALTER TABLE notify.notification_event
        DROP CONSTRAINT notification_event_event_check,
        ADD CONSTRAINT notification_event_event_check CHECK (event IN ('QUEUED', 'HELD',
          'SENDING', 'SENT', 'RETRY', 'DELIVERED', 'FAILED', 'UNCONFIRMED', 'REQUEUED',
          'REDISPATCHED'))`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DELETE FROM notify.notification_event WHERE event = 'REDISPATCHED'`);
    await runner.query(`
      ALTER TABLE notify.notification_event
        DROP CONSTRAINT notification_event_event_check,
        ADD CONSTRAINT notification_event_event_check CHECK (event IN ('QUEUED', 'HELD',
          'SENDING', 'SENT', 'RETRY', 'DELIVERED', 'FAILED', 'UNCONFIRMED', 'REQUEUED'))`);
    await runner.query(`DROP INDEX notify.notification_awaiting_dispatch`);
    await runner.query(`
      ALTER TABLE notify.notification
        DROP COLUMN dispatch_message_id,
        DROP COLUMN dispatch_seen_at`);
  }
}
