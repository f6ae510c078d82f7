import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '#common';
import { caseAssignmentViewSql } from './case-assignment-view.js';

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
    await runner.query(caseAssignmentViewSql());
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
