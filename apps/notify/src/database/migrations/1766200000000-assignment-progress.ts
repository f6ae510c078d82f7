import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The steps of each assignment notify has applied to its clocks: assigned (first clock opened),
 * accepted (the conclusion clock), ended (clocks stopped). Routing's events reach notify out of
 * order, so a step waits for the one it follows, and a late one does not reopen a clock. Filled
 * from the clocks already kept (every lead assignment has one; a co-handler's end needs none).
 */
export class AssignmentProgress1766200000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE notify.assignment_progress (
        assignment_id uuid PRIMARY KEY,
        assigned_at timestamptz,
        accepted_at timestamptz,
        ended_at timestamptz
      )`);
    await runner.query(`
      INSERT INTO notify.assignment_progress (assignment_id, assigned_at, accepted_at, ended_at)
      SELECT source_id, min(starts_at), min(starts_at) FILTER (WHERE kind = 'CONCLUSION'),
             CASE WHEN bool_and(status = 'CLOSED') THEN max(closed_at) END
      FROM notify.deadline
      WHERE kind IN ('FORWARD', 'ACCEPTANCE', 'CONCLUSION', 'REVIEW', 'RE_REVIEW')
      GROUP BY source_id`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE notify.assignment_progress`);
  }
}
