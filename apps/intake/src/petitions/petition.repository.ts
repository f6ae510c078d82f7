import type { EntityManager } from 'typeorm';
import { chinaDateOf } from '#common';
import { caseNoPrefix } from './case-number.js';

/**
 * Inserts a petition and gives it the next case number of its county and day, in one statement.
 * The counter row stays locked until commit and every registration of that county and day waits
 * on it, so this is the last statement of the registration: the lock is held for one round trip
 * and the commit, and the numbers stay gap-free (a rolled-back registration takes its number back).
 */
export async function insertWithCaseNo(
  manager: EntityManager,
  row: Omit<PetitionRow, 'case_no'>,
): Promise<string> {
  const territory = row.division_code.slice(0, 6);
  const day = chinaDateOf(row.received_at);
  const columns = Object.keys(row) as (keyof typeof row)[];
  const [inserted] = await manager.query<[{ case_no: string }]>(
    `WITH next AS (
       INSERT INTO intake.case_number_sequence (territory, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (territory, day) DO UPDATE SET last_value = case_number_sequence.last_value + 1
       RETURNING last_value)
     INSERT INTO intake.petition (case_no, ${columns.join(', ')})
     SELECT $3 || lpad(next.last_value::text, 6, '0'), ${columns.map((_, i) => `$${i + 4}`).join(', ')}
     FROM next
     RETURNING case_no`,
    [territory, day, caseNoPrefix(territory, day), ...columns.map((c) => row[c])],
  );
  return inserted.case_no;
}

/** Clears the sealed query codes kept for receipt SMS once they are `days` old. */
export async function clearReceiptCodes(manager: EntityManager, days: number): Promise<number> {
  const [, cleared] = await manager.query<[unknown[], number]>(
    `UPDATE intake.petition SET receipt_code_sealed = NULL
     WHERE receipt_code_sealed IS NOT NULL AND registered_at < now() - make_interval(days => $1)`,
    [days],
  );
  return cleared;
}

/** A case's number and status, by its id. */
export async function findCaseHeader(
  manager: EntityManager,
  id: string,
): Promise<{ id: string; caseNo: string; status: string } | undefined> {
  const [row] = await manager.query<{ id: string; caseNo: string; status: string }[]>(
    `SELECT id, case_no AS "caseNo", status FROM intake.petition WHERE id = $1`,
    [id],
  );
  return row;
}

/** Of the phone indexes, those a petitioner of the petition also has. */
export async function sharedPhoneIndexes(
  manager: EntityManager,
  petitionId: string,
  phoneIndexes: readonly (string | null)[],
): Promise<Set<string>> {
  const rows = await manager.query<{ phone_index: string }[]>(
    `SELECT DISTINCT phone_index FROM intake.petitioner
     WHERE petition_id = $1 AND phone_index = ANY ($2)`,
    [petitionId, phoneIndexes],
  );
  return new Set(rows.map((r) => r.phone_index));
}

/** What confirming a collective claim needs of the petition, locked until the commit. */
export interface CollectiveClaimRow {
  id: string;
  channel: string;
  person_count: number;
  hotspot_id: string | null;
  collective_confirmed_at: Date | null;
}

export async function lockCollectiveClaim(
  manager: EntityManager,
  petitionId: string,
): Promise<CollectiveClaimRow | undefined> {
  const [row] = await manager.query<CollectiveClaimRow[]>(
    `SELECT id, channel, person_count, hotspot_id, collective_confirmed_at
     FROM intake.petition WHERE id = $1 FOR UPDATE`,
    [petitionId],
  );
  return row;
}

/** Records the staff member's confirmation; returns when it was made. */
export async function confirmCollective(
  manager: EntityManager,
  petitionId: string,
  staffId: string,
): Promise<Date | undefined> {
  const [confirmed] = await manager.query<{ confirmed_at: Date }[]>(
    `WITH confirmed AS (
       UPDATE intake.petition SET collective_confirmed_at = now(), collective_confirmed_by = $2
       WHERE id = $1 RETURNING collective_confirmed_at AS confirmed_at)
     SELECT * FROM confirmed`,
    [petitionId, staffId],
  );
  return confirmed?.confirmed_at;
}

/** Columns of intake.petition as the registration writes them. */
export interface PetitionRow {
  id: string;
  case_no: string;
  query_code_hash: string;
  receipt_code_sealed: string | null;
  channel: string;
  title: string;
  content: string;
  division_code: string;
  address: string;
  person_count: number;
  nature: string | null;
  category: string | null;
  status: string;
  repeat_of: string | null;
  hotspot_id: string | null;
  received_at: Date;
  registered_by_unit: string | null;
  registered_by_user: string | null;
  transfer: string | null;
}
