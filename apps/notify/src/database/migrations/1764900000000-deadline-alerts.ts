import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The step of the deadline sweep each column records, and the index that finds its work. */
const ALERT_INDEXES = [
  ['deadline_due_soon_pending', 'reminded_due_soon_at'],
  ['deadline_due_today_pending', 'reminded_due_today_at'],
  ['deadline_overdue_pending', 'overdue_at'],
] as const;

/**
 * Reminders before a deadline and its escalation once missed, each recorded on the deadline so
 * it is sent once. A partial index per step holds only the open deadlines still waiting for that
 * step, so each sweep reads an index range of exactly its due work, however many are open; they
 * replace the index of all open deadlines by due time, which nothing else reads.
 */
export class DeadlineAlerts1764900000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE notify.deadline
        ADD COLUMN reminded_due_soon_at timestamptz,
        ADD COLUMN reminded_due_today_at timestamptz,
        ADD COLUMN overdue_at timestamptz`);
    for (const [index, column] of ALERT_INDEXES) {
      await runner.query(
        `CREATE INDEX ${index} ON notify.deadline (due_at)
         WHERE status = 'OPEN' AND ${column} IS NULL`,
      );
    }
    await runner.query(`DROP INDEX notify.deadline_open_due`);
  }

  async down(runner: QueryRunner) {
    await runner.query(
      `CREATE INDEX deadline_open_due ON notify.deadline (due_at) WHERE status = 'OPEN'`,
    );
    for (const [index] of ALERT_INDEXES) await runner.query(`DROP INDEX notify.${index}`);
    await runner.query(`
      ALTER TABLE notify.deadline
        DROP COLUMN reminded_due_soon_at,
        DROP COLUMN reminded_due_today_at,
        DROP COLUMN overdue_at`);
  }
}
