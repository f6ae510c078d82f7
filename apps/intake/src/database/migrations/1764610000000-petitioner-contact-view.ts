import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read contracts for notify, which texts petitioners: their sealed phones, and the receipt (case
 * number and query code) it sends them. The query code is otherwise kept only as a hash, so a
 * sealed copy is kept for the receipt SMS, and cleared after a week (ReceiptCodeExpiry).
 */
export class PetitionerContactView1764610000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE intake.petition ADD COLUMN receipt_code_sealed text`);
    await runner.query(
      `CREATE INDEX petition_receipt_code ON intake.petition (registered_at)
       WHERE receipt_code_sealed IS NOT NULL`,
    );
    await runner.query(`
      CREATE VIEW intake.petitioner_contact_v1 AS
      SELECT id, petition_id, phone_sealed FROM intake.petitioner`);
    await runner.query(`
      CREATE VIEW intake.petition_receipt_v1 AS
      SELECT id, case_no, receipt_code_sealed FROM intake.petition`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW intake.petition_receipt_v1`);
    await runner.query(`DROP VIEW intake.petitioner_contact_v1`);
    await runner.query(`ALTER TABLE intake.petition DROP COLUMN receipt_code_sealed`);
  }
}
