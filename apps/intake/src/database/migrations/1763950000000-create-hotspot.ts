import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateHotspot1763950000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    // The named estates, companies, projects and villages a petition speaks of.
    await runner.query(`
      CREATE TABLE intake.petition_entity (
        petition_id uuid NOT NULL REFERENCES intake.petition (id) DEFERRABLE INITIALLY DEFERRED,
        entity text NOT NULL,
        PRIMARY KEY (petition_id, entity)
      )`);
    await runner.query(`CREATE INDEX petition_entity_entity ON intake.petition_entity (entity)`);
    // A hotspot (热点): petitions of different people about one named thing, treated as one problem.
    await runner.query(`
      CREATE TABLE intake.hotspot (
        id uuid PRIMARY KEY,
        entity text NOT NULL,
        case_count int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        raised_at timestamptz
      )`);
    await runner.query(
      `ALTER TABLE intake.petition ADD COLUMN hotspot_id uuid REFERENCES intake.hotspot (id)`,
    );
    await runner.query(`CREATE INDEX petition_hotspot ON intake.petition (hotspot_id)`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`ALTER TABLE intake.petition DROP COLUMN hotspot_id`);
    await runner.query(`DROP TABLE intake.hotspot`);
    await runner.query(`DROP TABLE intake.petition_entity`);
  }
}
