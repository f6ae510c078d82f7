import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 办结报告: what the unit reports to the higher level that assigned the case (交办). */
export class CompletionReport1764340000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE routing.completion_report (
        assignment_id uuid PRIMARY KEY REFERENCES routing.assignment (id),
        petition_id uuid NOT NULL,
        text text NOT NULL,
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE routing.completion_report`);
  }
}
