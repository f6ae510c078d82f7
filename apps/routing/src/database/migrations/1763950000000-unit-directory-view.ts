import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read contract of the unit directory, for notify (who to tell about a hotspot). */
export class UnitDirectoryView1763950000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE VIEW routing.unit_directory_v1 AS
      SELECT code, name, kind, level, division_code, superior_code, categories FROM routing.unit`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW routing.unit_directory_v1`);
  }
}
