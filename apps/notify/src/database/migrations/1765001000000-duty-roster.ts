import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Urgent events (集体访, 热点, cases flagged urgent) page the leader on duty (值班领导) at once, and
 * the next on the roster when nobody acknowledges in time. A roster belongs to a unit (its code)
 * or a territory (a division code); its people are staff, with their duty phone or mailbox
 * sealed as personal data.
 */
export class DutyRoster1765001000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE notify.duty_roster_entry (
        id uuid PRIMARY KEY,
        scope text NOT NULL,
        position int NOT NULL CHECK (position >= 1),
        staff_id uuid,
        phone_sealed text,
        email_sealed text,
        locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (scope, position),
        CHECK (phone_sealed IS NOT NULL OR email_sealed IS NOT NULL)
      )`);
    await runner.query(`
      CREATE TABLE notify.urgent_alert (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN ('COLLECTIVE', 'CLUSTER', 'FLAGGED')),
        scope text NOT NULL,
        position int NOT NULL,
        -- The page every person on the roster gets: ids and codes only.
        template text NOT NULL,
        variables jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'EXHAUSTED')),
        raised_at timestamptz NOT NULL DEFAULT now(),
        raised_by uuid,
        escalate_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by uuid
      )`);
    // The escalation sweep reads the open alerts whose acknowledgement is overdue.
    await runner.query(
      `CREATE INDEX urgent_alert_escalation ON notify.urgent_alert (escalate_at)
       WHERE status = 'OPEN'`,
    );
    await runner.query(`
      ALTER TABLE notify.notification ADD CONSTRAINT notification_urgent_alert
        FOREIGN KEY (urgent_alert_id) REFERENCES notify.urgent_alert (id)`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`ALTER TABLE notify.notification DROP CONSTRAINT notification_urgent_alert`);
    await runner.query(`DROP TABLE notify.urgent_alert`);
    await runner.query(`DROP TABLE notify.duty_roster_entry`);
  }
}
