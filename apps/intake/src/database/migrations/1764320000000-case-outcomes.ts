import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the petitioner is owed after a reply: the dates that open the review windows, their
 * evaluation of each reply (满意度评价) and their review requests (复查, 复核), one per stage.
 */
export class CaseOutcomes1764320000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE intake.petition
        ADD COLUMN concluded_at timestamptz,
        ADD COLUMN reviewed_at timestamptz,
        ADD COLUMN re_reviewed_at timestamptz`);
    await runner.query(`
      CREATE TABLE intake.evaluation (
        petition_id uuid NOT NULL REFERENCES intake.petition (id),
        stage text NOT NULL,
        evaluation text NOT NULL,
        comment text,
        evaluated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (petition_id, stage)
      )`);
    await runner.query(`
      CREATE TABLE intake.review_request (
        petition_id uuid NOT NULL REFERENCES intake.petition (id),
        stage text NOT NULL,
        reason text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (petition_id, stage)
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE intake.review_request`);
    await runner.query(`DROP TABLE intake.evaluation`);
    await runner.query(`
      ALTER TABLE intake.petition
        DROP COLUMN concluded_at, DROP COLUMN reviewed_at, DROP COLUMN re_reviewed_at`);
  }
}
