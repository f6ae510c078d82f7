import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read contract of petitions transferred or assigned from a higher level (转送/交办): routing and
 * notify need the report-back date the higher level set.
 */
export class TransferView1764340000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE VIEW intake.petition_transfer_v1 AS
      SELECT id AS petition_id, case_no, transfer->>'sourceBody' AS source_body,
             transfer->>'referenceNo' AS reference_no,
             (transfer->>'reportBackDueOn')::date AS report_back_due_on
      FROM intake.petition WHERE transfer IS NOT NULL`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW intake.petition_transfer_v1`);
  }
}
