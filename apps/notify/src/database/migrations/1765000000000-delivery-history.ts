import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery as it happens: each notification's status history (queued, sending, sent,
 * delivered, failed), the provider's message ids of each part so that delivery receipts find
 * it, the receipts themselves (kept even when they come before the send is recorded), the
 * provider that took it, its language, and who reads it in the staff inbox.
 */
export class DeliveryHistory1765000000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE notify.notification
        DROP CONSTRAINT notification_status,
        DROP CONSTRAINT notification_recipient_kind,
        ADD COLUMN provider text,
        ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN',
        ADD COLUMN audience_role text,
        ADD COLUMN staff_id uuid,
        ADD COLUMN urgent_alert_id uuid,
        ADD COLUMN sending_at timestamptz,
        ADD COLUMN delivered_at timestamptz,
        ADD CONSTRAINT notification_status CHECK
          (status IN ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'UNCONFIRMED')),
        ADD CONSTRAINT notification_recipient_kind CHECK
          (recipient_kind IN ('UNIT', 'PETITIONER', 'DUTY')),
        ADD CONSTRAINT notification_locale CHECK (locale IN ('zh-CN', 'en'))`);
    // Sends that never got an answer, found by the retry sweep.
    await runner.query(
      `CREATE INDEX notification_sending ON notify.notification (sending_at)
       WHERE status = 'SENDING'`,
    );
    // The operators' list of what did not go out.
    await runner.query(
      `CREATE INDEX notification_dead_letter ON notify.notification (created_at)
       WHERE status IN ('FAILED', 'UNCONFIRMED')`,
    );
    // The staff inbox: a unit's notices, and a person's duty pages.
    await runner.query(
      `CREATE INDEX notification_unit_inbox ON notify.notification (recipient, created_at)
       WHERE recipient_kind = 'UNIT'`,
    );
    await runner.query(
      `CREATE INDEX notification_staff_inbox ON notify.notification (staff_id, created_at)
       WHERE staff_id IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE notify.notification_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notify.notification (id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        event text NOT NULL CHECK (event IN ('QUEUED', 'HELD', 'SENDING', 'SENT', 'RETRY',
          'DELIVERED', 'FAILED', 'UNCONFIRMED', 'REQUEUED')),
        provider text,
        attempt int,
        error_code text,
        staff_id uuid
      )`);
    await runner.query(
      `CREATE INDEX notification_event_of ON notify.notification_event (notification_id, id)`,
    );
    // The history of the notifications already there starts with what is known of them.
    await runner.query(`
      INSERT INTO notify.notification_event (notification_id, occurred_at, event)
      SELECT id, created_at, 'QUEUED' FROM notify.notification`);
    await runner.query(`
      INSERT INTO notify.notification_event (notification_id, occurred_at, event, error_code)
      SELECT id, COALESCE(sent_at, created_at), status, error_code FROM notify.notification
      WHERE status IN ('SENT', 'FAILED')`);
    await runner.query(`
      CREATE TABLE notify.provider_message (
        provider text NOT NULL,
        message_id text NOT NULL,
        notification_id uuid NOT NULL REFERENCES notify.notification (id) ON DELETE CASCADE,
        part int NOT NULL,
        state text CHECK (state IN ('DELIVERED', 'FAILED')),
        error_code text,
        reported_at timestamptz,
        PRIMARY KEY (provider, message_id)
      )`);
    await runner.query(
      `CREATE INDEX provider_message_of ON notify.provider_message (notification_id)`,
    );
    await runner.query(`
      CREATE TABLE notify.delivery_receipt (
        provider text NOT NULL,
        message_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('DELIVERED', 'FAILED')),
        error_code text,
        notification_hint uuid,
        received_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz,
        PRIMARY KEY (provider, message_id)
      )`);
    await runner.query(
      `CREATE INDEX delivery_receipt_unapplied ON notify.delivery_receipt (received_at)
       WHERE applied_at IS NULL`,
    );
    await runner.query(`
      CREATE TABLE notify.notification_read (
        notification_id uuid NOT NULL REFERENCES notify.notification (id) ON DELETE CASCADE,
        staff_id uuid NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, staff_id)
      )`);
  }

  async down(runner: QueryRunner) {
    for (const table of ['notification_read', 'delivery_receipt', 'provider_message']) {
      await runner.query(`DROP TABLE notify.${table}`);
    }
    await runner.query(`DROP TABLE notify.notification_event`);
    for (const index of [
      'notification_staff_inbox',
      'notification_unit_inbox',
      'notification_dead_letter',
      'notification_sending',
    ]) {
      await runner.query(`DROP INDEX notify.${index}`);
    }
    await runner.query(`
      UPDATE notify.notification SET status = CASE status
        WHEN 'DELIVERED' THEN 'SENT' WHEN 'SENDING' THEN 'PENDING' WHEN 'UNCONFIRMED' THEN 'FAILED'
        ELSE status END`);
    await runner.query(`DELETE FROM notify.notification WHERE recipient_kind = 'DUTY'`);
    await runner.query(`
      ALTER TABLE notify.notification
        DROP CONSTRAINT notification_locale,
        DROP CONSTRAINT notification_recipient_kind,
        DROP CONSTRAINT notification_status,
        DROP COLUMN delivered_at,
        DROP COLUMN sending_at,
        DROP COLUMN urgent_alert_id,
        DROP COLUMN staff_id,
        DROP COLUMN audience_role,
        DROP COLUMN locale,
        DROP COLUMN provider,
        ADD CONSTRAINT notification_recipient_kind CHECK (recipient_kind IN ('UNIT', 'PETITIONER')),
        ADD CONSTRAINT notification_status CHECK (status IN ('PENDING', 'SENT', 'FAILED'))`);
  }
}
