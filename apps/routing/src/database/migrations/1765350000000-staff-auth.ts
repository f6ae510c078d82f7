import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff sign-in that can be ended. Each account has a version that a trigger raises whenever its
 * active flag, roles, unit or password change: tokens carry the version they were issued with,
 * and the services refuse one that is behind. Refresh tokens are stored hashed, one row per
 * token, grouped in the family of one sign-in. Failed sign-ins are kept (never the password).
 * routing.staff_directory_v1 is the read contract of the accounts for the other services,
 * without password hashes.
 */
export class StaffAuth1765350000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      ALTER TABLE routing.staff_account
        ADD COLUMN version int NOT NULL DEFAULT 1,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await runner.query(`
      CREATE FUNCTION routing.staff_account_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version;
        IF NEW.active IS DISTINCT FROM OLD.active OR NEW.roles IS DISTINCT FROM OLD.roles
           OR NEW.unit_code IS DISTINCT FROM OLD.unit_code
           OR NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
          NEW.version := OLD.version + 1;
          NEW.updated_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER staff_account_version BEFORE UPDATE ON routing.staff_account
      FOR EACH ROW EXECUTE FUNCTION routing.staff_account_version()`);
    await runner.query(`
      CREATE TABLE routing.refresh_token (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        staff_id uuid NOT NULL REFERENCES routing.staff_account (id),
        token_hash bytea NOT NULL UNIQUE,
        account_version int NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN
          ('LOGOUT', 'REUSED', 'ACCOUNT_CHANGED', 'PASSWORD_CHANGED'))
      )`);
    await runner.query(`CREATE INDEX refresh_token_family ON routing.refresh_token (family_id)`);
    await runner.query(
      `CREATE INDEX refresh_token_open ON routing.refresh_token (staff_id) WHERE revoked_at IS NULL`,
    );
    await runner.query(`
      CREATE TABLE routing.login_failure (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        endpoint text NOT NULL CHECK (endpoint IN ('login', 'password')),
        username text NOT NULL,
        staff_id uuid REFERENCES routing.staff_account (id),
        client_ip text,
        reason text NOT NULL CHECK (reason IN ('UNKNOWN_USER', 'WRONG_PASSWORD', 'DISABLED')),
        -- Set on the failure that started a lockout: how long it lasts.
        locked_for_seconds int
      )`);
    await runner.query(
      `CREATE INDEX login_failure_username ON routing.login_failure (lower(username), occurred_at)`,
    );
    await runner.query(
      `CREATE INDEX login_failure_ip ON routing.login_failure (client_ip, occurred_at)`,
    );
    await runner.query(`
      CREATE VIEW routing.staff_directory_v1 AS
      SELECT id, username, display_name, unit_code, roles, active, version
      FROM routing.staff_account`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP VIEW routing.staff_directory_v1`);
    await runner.query(`DROP TABLE routing.login_failure`);
    await runner.query(`DROP TABLE routing.refresh_token`);
    await runner.query(`DROP TRIGGER staff_account_version ON routing.staff_account`);
    await runner.query(`DROP FUNCTION routing.staff_account_version()`);
    await runner.query(`
      ALTER TABLE routing.staff_account
        DROP COLUMN updated_at, DROP COLUMN password_changed_at,
        DROP COLUMN must_change_password, DROP COLUMN version`);
  }
}
