import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '#common';

export class CreateRouting1763800000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE routing.unit (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        level text NOT NULL,
        division_code text NOT NULL,
        superior_code text REFERENCES routing.unit (code),
        categories text[] NOT NULL DEFAULT '{}'
      )`);
    await runner.query(`CREATE INDEX unit_division_kind ON routing.unit (division_code, kind)`);
    await runner.query(`
      CREATE TABLE routing.assignment (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        case_no text NOT NULL,
        unit_code text NOT NULL REFERENCES routing.unit (code),
        role text NOT NULL,
        status text NOT NULL,
        rule text NOT NULL,
        assigned_at timestamptz NOT NULL,
        UNIQUE (petition_id, unit_code, role)
      )`);
    await runner.query(`CREATE INDEX assignment_unit ON routing.assignment (unit_code)`);
    await runner.query(`
      CREATE TABLE routing.staff_account (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        unit_code text NOT NULL REFERENCES routing.unit (code),
        roles text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await createMessagingTables(runner, 'routing');
    // Read contracts for the other services.
    await runner.query(`
      CREATE VIEW routing.case_assignment_v1 AS
      WITH RECURSIVE chain (code, ancestor, depth) AS (
        SELECT code, superior_code, 1 FROM routing.unit WHERE superior_code IS NOT NULL
        UNION ALL
        SELECT chain.code, u.superior_code, chain.depth + 1
        FROM chain JOIN routing.unit u ON u.code = chain.ancestor
        WHERE u.superior_code IS NOT NULL
      )
      SELECT a.id AS assignment_id, a.petition_id, a.case_no, a.role, a.status, a.rule, a.assigned_at,
             u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, u.level AS unit_level,
             u.division_code AS unit_division_code, u.categories AS unit_categories,
             COALESCE((SELECT array_agg(c.ancestor ORDER BY c.depth) FROM chain c WHERE c.code = u.code),
                      '{}') AS unit_ancestors
      FROM routing.assignment a JOIN routing.unit u ON u.code = a.unit_code`);
    await runner.query(`
      CREATE VIEW routing.case_timeline_v1 AS
      SELECT id, petition_id, occurred_at, type, visible_to_petitioner, data FROM routing.timeline_entry`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW routing.case_timeline_v1`);
    await runner.query(`DROP VIEW routing.case_assignment_v1`);
    await dropMessagingTables(runner, 'routing');
    await runner.query(`DROP TABLE routing.staff_account`);
    await runner.query(`DROP TABLE routing.assignment`);
    await runner.query(`DROP TABLE routing.unit`);
  }
}
