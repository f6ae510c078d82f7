import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units are deactivated, never deleted: assignments, accounts and case history refer to them.
 * An inactive unit receives no new cases; the view shows the flag to the other services.
 */
export class UnitActive1764700000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE routing.unit ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await runner.query(`
      CREATE OR REPLACE VIEW routing.unit_directory_v1 AS
      SELECT code, name, kind, level, division_code, superior_code, categories,
             contact_email, contact_phone, active
      FROM routing.unit`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW routing.unit_directory_v1`);
    await runner.query(`
      CREATE VIEW routing.unit_directory_v1 AS
      SELECT code, name, kind, level, division_code, superior_code, categories,
             contact_email, contact_phone
      FROM routing.unit`);
    await runner.query(`ALTER TABLE routing.unit DROP COLUMN active`);
  }
}
