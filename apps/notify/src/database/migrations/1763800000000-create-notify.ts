import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '#common';

export class CreateNotify1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE notify.deadline (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        case_no text NOT NULL,
        unit_code text NOT NULL,
        kind text NOT NULL,
        source_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        closed_at timestamptz,
        UNIQUE (kind, source_id)
      )`);
    await runner.query(`CREATE INDEX deadline_petition ON notify.deadline (petition_id)`);
    // The reminder sweep reads open deadlines by due time.
    await runner.query(
      `CREATE INDEX deadline_open_due ON notify.deadline (due_at) WHERE status = 'OPEN'`,
    );
    await runner.query(`
      CREATE TABLE notify.notification (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        channel text NOT NULL,
        recipient_kind text NOT NULL,
        recipient text NOT NULL,
        template text NOT NULL,
        variables jsonb NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await runner.query(`CREATE INDEX notification_petition ON notify.notification (petition_id)`);
    await createMessagingTables(runner, 'notify');
    // Read contracts for intake's case view.
    await runner.query(`
      CREATE VIEW notify.case_deadline_v1 AS
      SELECT id, petition_id, case_no, unit_code, kind, starts_at, due_at, status, closed_at
      FROM notify.deadline`);
    await runner.query(`
      CREATE VIEW notify.case_notification_v1 AS
      SELECT id, petition_id, channel, recipient_kind, recipient, template, status, created_at, sent_at
      FROM notify.notification`);
    await runner.query(`
      CREATE VIEW notify.case_timeline_v1 AS
      SELECT id, petition_id, occurred_at, type, visible_to_petitioner, data FROM notify.timeline_entry`);
  }

  async down(runner: QueryRunner) {
    for (const view of ['case_timeline_v1', 'case_notification_v1', 'case_deadline_v1']) {
      await runner.query(`DROP VIEW notify.${view}`);
    }
    await dropMessagingTables(runner, 'notify');
    await runner.query(`DROP TABLE notify.notification`);
    await runner.query(`DROP TABLE notify.deadline`);
  }
}
