import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real delivery: notices to petitioners (by SMS) as well as units (email, SMS or the log), tried
 * again with growing delays, and FAILED with a code once the attempts are spent.
 */
export class NotificationDelivery1764600000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE notify.notification
        ADD COLUMN attempts int NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN error_code text,
        ADD COLUMN provider_message_id text,
        ADD CONSTRAINT notification_recipient_kind CHECK (recipient_kind IN ('UNIT', 'PETITIONER')),
        ADD CONSTRAINT notification_channel CHECK (channel IN ('log', 'sms', 'email')),
        ADD CONSTRAINT notification_status CHECK (status IN ('PENDING', 'SENT', 'FAILED'))`);
    // The retry sweep reads the notices whose next attempt is due.
    await runner.query(
      `CREATE INDEX notification_retry_due ON notify.notification (next_attempt_at)
       WHERE status = 'PENDING' AND next_attempt_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP INDEX notify.notification_retry_due`);
    await runner.query(`
      ALTER TABLE notify.notification
        DROP CONSTRAINT notification_status,
        DROP CONSTRAINT notification_channel,
        DROP CONSTRAINT notification_recipient_kind,
        DROP COLUMN provider_message_id,
        DROP COLUMN error_code,
        DROP COLUMN next_attempt_at,
        DROP COLUMN attempts`);
  }
}
