import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Landlines: each petitioner's phone says whether it is a mobile or a landline, so that notify
 * texts only mobiles and puts a landline's notices on the registrar's call-back list, without
 * opening the phone. Every phone stored before was a mobile. The views gain columns at their end
 * (a compatible change): the phone's kind, and the unit that registered a petition.
 */
export class PhoneKind1765700000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE intake.petitioner ADD COLUMN phone_kind text`);
    await runner.query(
      `UPDATE intake.petitioner SET phone_kind = 'mobile' WHERE phone_sealed IS NOT NULL`,
    );
    await runner.query(`
      ALTER TABLE intake.petitioner ADD CONSTRAINT petitioner_phone_kind CHECK (
        (phone_sealed IS NULL AND phone_kind IS NULL)
        OR (phone_sealed IS NOT NULL AND phone_kind IN ('mobile', 'landline')))`);
    await runner.query(`
      CREATE OR REPLACE VIEW intake.petitioner_contact_v1 AS
      SELECT id, petition_id, phone_sealed, phone_kind FROM intake.petitioner`);
    await runner.query(`
      CREATE OR REPLACE VIEW intake.petition_receipt_v1 AS
      SELECT id, case_no, receipt_code_sealed, registered_by_unit FROM intake.petition`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW intake.petition_receipt_v1`);
    await runner.query(`
      CREATE VIEW intake.petition_receipt_v1 AS
      SELECT id, case_no, receipt_code_sealed FROM intake.petition`);
    await runner.query(`DROP VIEW intake.petitioner_contact_v1`);
    await runner.query(`
      CREATE VIEW intake.petitioner_contact_v1 AS
      SELECT id, petition_id, phone_sealed FROM intake.petitioner`);
    await runner.query(`ALTER TABLE intake.petitioner DROP COLUMN phone_kind`);
  }
}
