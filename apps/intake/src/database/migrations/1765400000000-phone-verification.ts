import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMS codes that verify an online petitioner's mobile (the code only as a keyed hash), notify's
 * read contract for the phone to text, and when a collective petition's claim was confirmed by
 * staff (an online one pages nobody before).
 */
export class PhoneVerification1765400000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE intake.phone_verification (
        id uuid PRIMARY KEY,
        phone_index text NOT NULL,
        phone_sealed text NOT NULL,
        code_hash text NOT NULL,
        failures int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX phone_verification_phone ON intake.phone_verification (phone_index, created_at DESC)`,
    );
    await runner.query(`
      CREATE VIEW intake.phone_verification_v1 AS
      SELECT id, phone_sealed, expires_at FROM intake.phone_verification`);
    await runner.query(
      `ALTER TABLE intake.petition ADD COLUMN collective_confirmed_at timestamptz`,
    );
    await runner.query(`ALTER TABLE intake.petition ADD COLUMN collective_confirmed_by uuid`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`ALTER TABLE intake.petition DROP COLUMN collective_confirmed_by`);
    await runner.query(`ALTER TABLE intake.petition DROP COLUMN collective_confirmed_at`);
    await runner.query(`DROP VIEW intake.phone_verification_v1`);
    await runner.query(`DROP TABLE intake.phone_verification`);
  }
}
