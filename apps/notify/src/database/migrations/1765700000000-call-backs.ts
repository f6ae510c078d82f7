import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call-back list (回访/电话告知清单): a notice owed to a petitioner who gave only a landline
 * cannot be texted, so the registering unit's registrars phone them. The petitioner is named by
 * id (intake's petitioner): the phone stays sealed in intake and is read only on an audited view.
 */
export class CallBacks1765700000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE notify.call_back (
        id uuid PRIMARY KEY,
        petition_id uuid NOT NULL,
        case_no text NOT NULL,
        petitioner_id uuid NOT NULL,
        -- The unit that registered the case, whose registrars and dispatchers call; null when
        -- none did (only admins see those).
        unit_code text,
        -- What to tell: a petitioner template and its variables (ids, codes, dates only).
        template text NOT NULL,
        variables jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Set by the call that ends it (TOLD, or WRONG_NUMBER: the notice must go by letter).
        done_at timestamptz
      )`);
    // Each call made, by whom and when, with its outcome and the caller's note.
    await runner.query(`
      CREATE TABLE notify.call_back_attempt (
        id uuid PRIMARY KEY,
        call_back_id uuid NOT NULL REFERENCES notify.call_back (id),
        staff_id uuid NOT NULL,
        staff_username text NOT NULL,
        called_at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('TOLD', 'NOT_REACHED', 'WRONG_NUMBER')),
        note text
      )`);
    await runner.query(
      `CREATE INDEX call_back_attempt_call ON notify.call_back_attempt (call_back_id, called_at)`,
    );
    await runner.query(
      `CREATE INDEX call_back_open ON notify.call_back (unit_code, created_at)
       WHERE done_at IS NULL`,
    );
    await runner.query(`CREATE INDEX call_back_petition ON notify.call_back (petition_id)`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE notify.call_back_attempt`);
    await runner.query(`DROP TABLE notify.call_back`);
  }
}
