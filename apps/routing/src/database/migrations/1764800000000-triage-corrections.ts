import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The manual triage queue: what the rules would have chosen for a petition sent to a person, and
 * each dispatcher's decision against the prediction, so the classifier can be evaluated.
 */
export class TriageCorrections1764800000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    // A snapshot of the suggestion, not a reference: a unit may later be renamed or closed.
    await runner.query(`
      ALTER TABLE routing.classification
        ADD COLUMN suggested_unit_code text,
        ADD COLUMN suggested_rule text`);
    await runner.query(`
      CREATE TABLE routing.classification_correction (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        case_no text NOT NULL,
        triage_reason text,
        predicted_nature text,
        predicted_category text,
        predicted_unit_code text,
        confirmed_nature text NOT NULL,
        confirmed_category text NOT NULL,
        confirmed_unit_code text NOT NULL REFERENCES routing.unit (code),
        reason text,
        dispatcher_id uuid NOT NULL REFERENCES routing.staff_account (id),
        decided_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE INDEX classification_correction_decided
        ON routing.classification_correction (decided_at)`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE routing.classification_correction`);
    await runner.query(`
      ALTER TABLE routing.classification DROP COLUMN suggested_unit_code, DROP COLUMN suggested_rule`);
  }
}
