import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When routing took the step the petition's status follows: routing's events reach intake out of
 * order (retries, several replicas), and one older than this is superseded, never applied over it.
 */
export class StatusOrder1766100000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE intake.petition ADD COLUMN status_step_at timestamptz`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`ALTER TABLE intake.petition DROP COLUMN status_step_at`);
  }
}
