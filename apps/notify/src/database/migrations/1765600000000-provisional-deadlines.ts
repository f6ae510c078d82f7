import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUTORY_DAYS = `CASE d.kind WHEN 'FORWARD' THEN 15 WHEN 'ACCEPTANCE' THEN 15
  WHEN 'CONCLUSION' THEN 60 WHEN 'REVIEW' THEN 30 WHEN 'RE_REVIEW' THEN 30 END`;

/**
 * Deadlines counted into a year whose State Council schedule is not loaded are provisional
 * (statutory holidays only) and are counted again when it is: each keeps its length in days
 * (with an extension) to be counted again. A loaded notice keeps its title; a notice to admins
 * that next year is missing is about no case (petition_id null).
 */
export class ProvisionalDeadlines1765600000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE notify.deadline
        ADD COLUMN provisional boolean NOT NULL DEFAULT false,
        ADD COLUMN period_days int CHECK (period_days > 0)`);
    // Statutory clocks: the law's days, plus the extension a conclusion clock was given.
    await runner.query(`
      UPDATE notify.deadline d SET period_days = ${STATUTORY_DAYS} + CASE WHEN d.kind = 'CONCLUSION'
        THEN COALESCE((SELECT max((t.data->>'days')::int) FROM notify.timeline_entry t
                       WHERE t.petition_id = d.petition_id AND t.type = 'deadline.extended'
                         AND t.data->>'kind' = 'CONCLUSION'), 0)
        ELSE 0 END
      WHERE d.kind IN ('FORWARD', 'ACCEPTANCE', 'CONCLUSION', 'REVIEW', 'RE_REVIEW')`);
    // Open clocks already counted past the covered years were counted on weekends alone.
    await runner.query(`
      UPDATE notify.deadline SET provisional = true
      WHERE status = 'OPEN' AND period_days IS NOT NULL
        AND extract(year FROM due_at AT TIME ZONE 'Asia/Shanghai')::int
            NOT IN (SELECT year FROM notify.calendar_coverage)`);
    await runner.query(
      `CREATE INDEX deadline_provisional ON notify.deadline (due_at) WHERE provisional AND status = 'OPEN'`,
    );
    await runner.query(`
      CREATE OR REPLACE VIEW notify.case_deadline_v1 AS
      SELECT id, petition_id, case_no, unit_code, kind, starts_at, due_at, status, closed_at,
             overdue_at, provisional
      FROM notify.deadline`);
    await runner.query(`
      ALTER TABLE notify.calendar_coverage
        ADD COLUMN title text,
        ADD COLUMN loaded_by text`);
    await runner.query(`ALTER TABLE notify.notification ALTER COLUMN petition_id DROP NOT NULL`);
    // When admins were last told that a year's notice is missing (at most weekly).
    await runner.query(`
      CREATE TABLE notify.calendar_watch (
        year int PRIMARY KEY,
        noticed_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE notify.calendar_watch`);
    await runner.query(`DELETE FROM notify.notification WHERE petition_id IS NULL`);
    await runner.query(`ALTER TABLE notify.notification ALTER COLUMN petition_id SET NOT NULL`);
    await runner.query(
      `ALTER TABLE notify.calendar_coverage DROP COLUMN loaded_by, DROP COLUMN title`,
    );
    await runner.query(`DROP VIEW notify.case_deadline_v1`);
    await runner.query(`
      CREATE VIEW notify.case_deadline_v1 AS
      SELECT id, petition_id, case_no, unit_code, kind, starts_at, due_at, status, closed_at,
             overdue_at
      FROM notify.deadline`);
    await runner.query(`DROP INDEX notify.deadline_provisional`);
    await runner.query(
      `ALTER TABLE notify.deadline DROP COLUMN period_days, DROP COLUMN provisional`,
    );
  }
}
