import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision notices (督办单): issued by a petition bureau to a unit that let a deadline pass, or
 * by a supervisor about any case; the unit answers each in writing.
 */
export class Supervision1764330000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE routing.supervision (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        case_no text NOT NULL,
        unit_code text NOT NULL REFERENCES routing.unit (code),
        supervising_unit_code text NOT NULL REFERENCES routing.unit (code),
        source text NOT NULL,
        deadline_id uuid UNIQUE,
        deadline_kind text,
        instructions text NOT NULL,
        issued_by uuid,
        issued_at timestamptz NOT NULL,
        answer_due_at timestamptz NOT NULL,
        status text NOT NULL,
        answer text,
        answered_by uuid,
        answered_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX supervision_open_unit ON routing.supervision (unit_code) WHERE status = 'OPEN'`,
    );
    await runner.query(`CREATE INDEX supervision_petition ON routing.supervision (petition_id)`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE routing.supervision`);
  }
}
