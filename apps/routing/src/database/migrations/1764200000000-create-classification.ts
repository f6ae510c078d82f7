import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each classification, with its confidence and evidence, so it can be explained and evaluated. */
export class CreateClassification1764200000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE routing.classification (
        petition_id uuid PRIMARY KEY,
        nature text NOT NULL,
        category text NOT NULL,
        confidence numeric(4, 3) NOT NULL,
        evidence jsonb NOT NULL,
        needs_triage boolean NOT NULL,
        classified_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE routing.classification`);
  }
}
