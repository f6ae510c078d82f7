import type { QueryRunner } from 'typeorm';
import type { ServiceSchema } from '../database/data-source.js';
import { AUDIT_PURGE_SETTING, GENESIS_HASH } from './audit-entry.js';

/**
 * A service's audit trail, in its own schema:
 * - audit_event: the chain, one row per recorded action, `hash = sha256(prev_hash || canonical
 *   row)`, `seq` 1, 2, 3… without gaps;
 * - audit_chain: its single head row (last seq and hash), locked FOR UPDATE by every writer so
 *   concurrent writers keep one chain, and the end the verifier checks the chain against;
 * - audit_event_v1: the read contract (no hashes) that routing's audit search reads.
 *
 * Triggers make the trail append-only for everyone, the table owner included: UPDATE, DELETE and
 * TRUNCATE of audit_event are refused, except a DELETE under the purge setting; the head cannot
 * be deleted, and moves only one row forward, onto a row that links to the previous head.
 */
export async function createAuditTables(runner: QueryRunner, schema: ServiceSchema) {
  const s = `"${schema}"`;
  await runner.query(`
    CREATE TABLE ${s}.audit_event (
      seq bigint PRIMARY KEY CHECK (seq > 0),
      id uuid NOT NULL UNIQUE,
      occurred_at timestamptz NOT NULL,
      actor_id uuid,
      actor_username text,
      actor_unit text,
      client_ip text,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
      case_no text,
      target_type text,
      target_id text,
      status integer,
      detail jsonb NOT NULL DEFAULT '{}',
      correlation_id text,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`);
  await runner.query(`CREATE INDEX audit_event_time ON ${s}.audit_event (occurred_at)`);
  await runner.query(
    `CREATE INDEX audit_event_actor ON ${s}.audit_event (actor_id, occurred_at)
     WHERE actor_id IS NOT NULL`,
  );
  await runner.query(
    `CREATE INDEX audit_event_username ON ${s}.audit_event (actor_username, occurred_at)
     WHERE actor_username IS NOT NULL`,
  );
  await runner.query(
    `CREATE INDEX audit_event_case ON ${s}.audit_event (case_no, occurred_at)
     WHERE case_no IS NOT NULL`,
  );
  await runner.query(`
    CREATE TABLE ${s}.audit_chain (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      last_seq bigint NOT NULL,
      last_hash text NOT NULL
    )`);
  await runner.query(`INSERT INTO ${s}.audit_chain (last_seq, last_hash) VALUES (0, $1)`, [
    GENESIS_HASH,
  ]);

  await runner.query(`
    CREATE FUNCTION ${s}.audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND current_setting('${AUDIT_PURGE_SETTING}', true) = 'on' THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '${schema}.audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await runner.query(`
    CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_event
    FOR EACH ROW EXECUTE FUNCTION ${s}.audit_event_refuse_change()`);
  await runner.query(`
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON ${s}.audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_event_refuse_change()`);

  await runner.query(`
    CREATE FUNCTION ${s}.audit_chain_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF NEW.only_row AND NEW.last_seq = OLD.last_seq + 1 AND EXISTS (
          SELECT 1 FROM ${s}.audit_event e
          WHERE e.seq = NEW.last_seq AND e.hash = NEW.last_hash AND e.prev_hash = OLD.last_hash
        ) THEN
          RETURN NEW;
        END IF;
      END IF;
      RAISE EXCEPTION '${schema}.audit_chain moves only to the next linked row: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await runner.query(`
    CREATE TRIGGER audit_chain_advance_only BEFORE UPDATE OR DELETE ON ${s}.audit_chain
    FOR EACH ROW EXECUTE FUNCTION ${s}.audit_chain_advance_only()`);
  await runner.query(`
    CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON ${s}.audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_chain_advance_only()`);

  // Read contract, for routing's audit search; a breaking change is a _v2 view.
  await runner.query(`
    CREATE VIEW ${s}.audit_event_v1 AS
    SELECT seq, id, occurred_at, actor_id, actor_username, actor_unit, client_ip, action,
           outcome, case_no, target_type, target_id, status, detail, correlation_id
    FROM ${s}.audit_event`);
}

export async function dropAuditTables(runner: QueryRunner, schema: ServiceSchema) {
  const s = `"${schema}"`;
  await runner.query(`DROP VIEW ${s}.audit_event_v1`);
  await runner.query(`DROP TABLE ${s}.audit_chain`);
  await runner.query(`DROP TABLE ${s}.audit_event`);
  await runner.query(`DROP FUNCTION ${s}.audit_chain_advance_only()`);
  await runner.query(`DROP FUNCTION ${s}.audit_event_refuse_change()`);
}
