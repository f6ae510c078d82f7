import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseAssignmentViewSql } from './case-assignment-view.js';

/**
 * The unit workbench: assignments move through states by stage (办理, 复查, 复核), and every
 * decision a unit or a dispatcher takes is kept: replies, extensions, transfers, returns.
 */
export class CaseWorkflow1764300000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE routing.case_file (
        petition_id uuid PRIMARY KEY,
        case_no text NOT NULL UNIQUE,
        stage text NOT NULL DEFAULT 'HANDLING',
        awaiting_triage boolean NOT NULL DEFAULT false,
        triage_reason text,
        returns int NOT NULL DEFAULT 0,
        major_reasons text[] NOT NULL DEFAULT '{}',
        responsible_leader_id uuid REFERENCES routing.staff_account (id),
        final boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX case_file_triage ON routing.case_file (updated_at) WHERE awaiting_triage`,
    );
    await runner.query(`
      ALTER TABLE routing.assignment
        DROP CONSTRAINT assignment_petition_id_unit_code_role_key,
        ADD COLUMN stage text NOT NULL DEFAULT 'HANDLING',
        ADD COLUMN forwarding boolean NOT NULL DEFAULT false,
        ADD COLUMN accepted_at timestamptz,
        ADD COLUMN closed_at timestamptz`);
    // At most one unit leads a case at a time; two racing assignments cannot both commit.
    await runner.query(`
      CREATE UNIQUE INDEX assignment_one_open_lead ON routing.assignment (petition_id)
      WHERE role = 'LEAD' AND status IN ('ASSIGNED', 'ACCEPTED')`);
    await runner.query(`CREATE INDEX assignment_petition ON routing.assignment (petition_id)`);
    await runner.query(`
      CREATE TABLE routing.case_reply (
        assignment_id uuid PRIMARY KEY REFERENCES routing.assignment (id),
        petition_id uuid NOT NULL,
        stage text NOT NULL,
        kind text NOT NULL,
        legal_basis text,
        text text NOT NULL,
        given_by uuid NOT NULL,
        given_at timestamptz NOT NULL,
        evaluation text
      )`);
    await runner.query(`CREATE INDEX case_reply_petition ON routing.case_reply (petition_id)`);
    await runner.query(`
      CREATE TABLE routing.extension_request (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL UNIQUE REFERENCES routing.assignment (id),
        days int NOT NULL CHECK (days BETWEEN 1 AND 30),
        reason text NOT NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        status text NOT NULL,
        decided_by uuid,
        decided_at timestamptz
      )`);
    await runner.query(`
      CREATE TABLE routing.transfer_request (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL REFERENCES routing.assignment (id),
        to_unit_code text NOT NULL REFERENCES routing.unit (code),
        reason text NOT NULL,
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        status text NOT NULL,
        decided_by uuid,
        decided_at timestamptz
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX transfer_one_pending ON routing.transfer_request (assignment_id)
      WHERE status = 'PENDING'`);
    await runner.query(`
      CREATE TABLE routing.case_return (
        id uuid PRIMARY KEY,
        assignment_id uuid NOT NULL UNIQUE REFERENCES routing.assignment (id),
        petition_id uuid NOT NULL,
        reason text NOT NULL,
        returned_by uuid NOT NULL,
        returned_at timestamptz NOT NULL
      )`);
    // The views other services read grow new columns; old columns keep their meaning.
    await runner.query(
      caseAssignmentViewSql(', a.stage, a.forwarding, a.accepted_at, a.closed_at'),
    );
    // What the petitioner is owed in writing: replies and refusals, with the unit that gave them.
    await runner.query(`
      CREATE VIEW routing.case_reply_v1 AS
      SELECT r.assignment_id, r.petition_id, r.stage, r.kind, r.legal_basis, r.text, r.given_at,
             u.code AS unit_code, u.name AS unit_name
      FROM routing.case_reply r
      JOIN routing.assignment a ON a.id = r.assignment_id
      JOIN routing.unit u ON u.code = a.unit_code`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW routing.case_reply_v1`);
    await runner.query(`DROP TABLE routing.case_return`);
    await runner.query(`DROP TABLE routing.transfer_request`);
    await runner.query(`DROP TABLE routing.extension_request`);
    await runner.query(`DROP TABLE routing.case_reply`);
    await runner.query(`DROP VIEW routing.case_assignment_v1`);
    await runner.query(`DROP INDEX routing.assignment_petition`);
    await runner.query(`DROP INDEX routing.assignment_one_open_lead`);
    await runner.query(`
      ALTER TABLE routing.assignment
        DROP COLUMN stage, DROP COLUMN forwarding, DROP COLUMN accepted_at, DROP COLUMN closed_at,
        ADD CONSTRAINT assignment_petition_id_unit_code_role_key UNIQUE (petition_id, unit_code, role)`);
    await runner.query(`DROP TABLE routing.case_file`);
    await runner.query(caseAssignmentViewSql());
  }
}
