import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The administrative divisions petitions are located in. The rows come from the CLI import of
 * the National Bureau of Statistics list (divisions/division-import.ts), never from here.
 */
export class CreateDivision1763900000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    // Codes are stored in their short form: 510000, 510900, 510903, 510903001.
    await runner.query(`
      CREATE TABLE intake.division (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3})?$'),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP')),
        parent_code text REFERENCES intake.division (code),
        full_name text NOT NULL,
        edition text NOT NULL
      )`);
    await runner.query(`CREATE INDEX division_parent_code ON intake.division (parent_code)`);
    await runner.query(`
      CREATE TABLE intake.division_edition (
        edition text PRIMARY KEY,
        source text NOT NULL,
        row_count int NOT NULL,
        imported_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE intake.division_edition`);
    await runner.query(`DROP TABLE intake.division`);
  }
}
