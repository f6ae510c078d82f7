import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a petition accuses or complains about (被检举控告对象): units of the directory and officials
 * by position, read from the text or recorded by staff. Routing never assigns the case to an
 * accused unit or one under it; intake hides the accuser from them. Corrections are kept whole,
 * before and after, with who made them and why. The model that classified each petition is
 * recorded with its decision.
 */
export class AccusedParties1765100000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE routing.accused_party (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('UNIT', 'OFFICIAL')),
        name_as_written text NOT NULL,
        position text,
        unit_code text REFERENCES routing.unit (code),
        source text NOT NULL CHECK (source IN ('TEXT', 'STAFF')),
        recorded_by uuid REFERENCES routing.staff_account (id),
        recorded_at timestamptz NOT NULL,
        withdrawn_by uuid REFERENCES routing.staff_account (id),
        withdrawn_at timestamptz,
        CHECK (kind = 'OFFICIAL' OR unit_code IS NOT NULL)
      )`);
    await runner.query(`
      CREATE INDEX accused_party_current ON routing.accused_party (petition_id)
        WHERE withdrawn_at IS NULL`);
    await runner.query(`
      CREATE TABLE routing.accused_party_correction (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        case_no text NOT NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        reason text NOT NULL,
        corrected_by uuid NOT NULL REFERENCES routing.staff_account (id),
        corrected_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE INDEX accused_party_correction_petition
        ON routing.accused_party_correction (petition_id, corrected_at)`);
    // Read contract: the accused units of each petition, with the units above each (nearest
    // first), so a reader can tell a unit under an accused one and a unit above it.
    await runner.query(`
      CREATE VIEW routing.accused_unit_v1 AS
      WITH RECURSIVE chain (code, ancestor, depth) AS (
        SELECT code, superior_code, 1 FROM routing.unit WHERE superior_code IS NOT NULL
        UNION ALL
        SELECT chain.code, u.superior_code, chain.depth + 1
        FROM chain JOIN routing.unit u ON u.code = chain.ancestor
        WHERE u.superior_code IS NOT NULL
      )
      SELECT DISTINCT p.petition_id, p.unit_code,
             COALESCE((SELECT array_agg(c.ancestor ORDER BY c.depth) FROM chain c
                       WHERE c.code = p.unit_code), '{}') AS unit_ancestors
      FROM routing.accused_party p
      WHERE p.unit_code IS NOT NULL AND p.withdrawn_at IS NULL`);
    // The directory's read contract gains each unit's superiors, nearest first.
    await runner.query(`
      CREATE OR REPLACE VIEW routing.unit_directory_v1 AS
      WITH RECURSIVE chain (code, ancestor, depth) AS (
        SELECT code, superior_code, 1 FROM routing.unit WHERE superior_code IS NOT NULL
        UNION ALL
        SELECT chain.code, u.superior_code, chain.depth + 1
        FROM chain JOIN routing.unit u ON u.code = chain.ancestor
        WHERE u.superior_code IS NOT NULL
      )
      SELECT code, name, kind, level, division_code, superior_code, categories,
             contact_email, contact_phone, active,
             COALESCE((SELECT array_agg(c.ancestor ORDER BY c.depth) FROM chain c
                       WHERE c.code = unit.code), '{}') AS ancestors
      FROM routing.unit`);
    // The model behind each decision, and its three best readings for the dispatcher.
    await runner.query(`
      ALTER TABLE routing.classification
        ADD COLUMN model_version text,
        ADD COLUMN suggestions jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(runner: QueryRunner) {
    await runner.query(
      `ALTER TABLE routing.classification DROP COLUMN model_version, DROP COLUMN suggestions`,
    );
    await runner.query(`DROP VIEW routing.unit_directory_v1`);
    await runner.query(`
      CREATE VIEW routing.unit_directory_v1 AS
      SELECT code, name, kind, level, division_code, superior_code, categories,
             contact_email, contact_phone, active
      FROM routing.unit`);
    await runner.query(`DROP VIEW routing.accused_unit_v1`);
    await runner.query(`DROP TABLE routing.accused_party_correction`);
    await runner.query(`DROP TABLE routing.accused_party`);
  }
}
