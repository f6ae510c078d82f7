import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a unit receives notices: its duty mailbox and duty phone (值班电话). */
export class UnitContacts1764310000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE routing.unit ADD COLUMN contact_email text, ADD COLUMN contact_phone text`);
    await runner.query(`
      CREATE OR REPLACE VIEW routing.unit_directory_v1 AS
      SELECT code, name, kind, level, division_code, superior_code, categories,
             contact_email, contact_phone
      FROM routing.unit`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW routing.unit_directory_v1`);
    await runner.query(`
      CREATE VIEW routing.unit_directory_v1 AS
      SELECT code, name, kind, level, division_code, superior_code, categories FROM routing.unit`);
    await runner.query(
      `ALTER TABLE routing.unit DROP COLUMN contact_email, DROP COLUMN contact_phone`,
    );
  }
}
