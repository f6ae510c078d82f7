import type { MigrationInterface, QueryRunner } from 'typeorm';

/** China midnight after an instant. */
const NEXT_CHINA_MIDNIGHT = (column: string) =>
  `((date_trunc('day', ${column} AT TIME ZONE 'Asia/Shanghai') + interval '1 day')
     AT TIME ZONE 'Asia/Shanghai')`;

/**
 * Reminders at configurable offsets (working or calendar days before the last day), escalation,
 * then a reminder each day while a deadline stays overdue: each open deadline holds the time of
 * its next alert, and one partial index over it is the sweep's whole work list. It replaces the
 * column and index per fixed reminder. The case view shows when a deadline went overdue.
 */
export class DeadlineSchedule1765002000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE notify.deadline
        ADD COLUMN next_alert_at timestamptz,
        ADD COLUMN last_overdue_reminder_at timestamptz`);
    // What was sent stays sent: the next alert is after it. A deadline never reminded is looked
    // at well before its first possible reminder, which only computes its schedule.
    await runner.query(`
      UPDATE notify.deadline SET next_alert_at = CASE
        WHEN overdue_at IS NOT NULL THEN ${NEXT_CHINA_MIDNIGHT('overdue_at')}
        WHEN reminded_due_today_at IS NOT NULL THEN due_at + interval '1 millisecond'
        WHEN reminded_due_soon_at IS NOT NULL THEN reminded_due_soon_at + interval '1 millisecond'
        ELSE due_at - interval '30 days' END
      WHERE status = 'OPEN'`);
    for (const index of [
      'deadline_due_soon_pending',
      'deadline_due_today_pending',
      'deadline_overdue_pending',
    ]) {
      await runner.query(`DROP INDEX notify.${index}`);
    }
    await runner.query(
      `ALTER TABLE notify.deadline DROP COLUMN reminded_due_soon_at, DROP COLUMN reminded_due_today_at`,
    );
    await runner.query(
      `CREATE INDEX deadline_next_alert ON notify.deadline (next_alert_at) WHERE status = 'OPEN'`,
    );
    await runner.query(`
      CREATE OR REPLACE VIEW notify.case_deadline_v1 AS
      SELECT id, petition_id, case_no, unit_code, kind, starts_at, due_at, status, closed_at,
             overdue_at
      FROM notify.deadline`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW notify.case_deadline_v1`);
    await runner.query(`
      CREATE VIEW notify.case_deadline_v1 AS
      SELECT id, petition_id, case_no, unit_code, kind, starts_at, due_at, status, closed_at
      FROM notify.deadline`);
    await runner.query(`DROP INDEX notify.deadline_next_alert`);
    await runner.query(`
      ALTER TABLE notify.deadline
        ADD COLUMN reminded_due_soon_at timestamptz,
        ADD COLUMN reminded_due_today_at timestamptz`);
    for (const [index, column] of [
      ['deadline_due_soon_pending', 'reminded_due_soon_at'],
      ['deadline_due_today_pending', 'reminded_due_today_at'],
      ['deadline_overdue_pending', 'overdue_at'],
    ] as const) {
      await runner.query(
        `CREATE INDEX ${index} ON notify.deadline (due_at) WHERE status = 'OPEN' AND ${column} IS NULL`,
      );
    }
    await runner.query(
      `ALTER TABLE notify.deadline DROP COLUMN last_overdue_reminder_at, DROP COLUMN next_alert_at`,
    );
  }
}
