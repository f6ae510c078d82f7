import type { EntityManager } from 'typeorm';
import { chinaDateOf } from '#common';

/** 信访件编号: XF-{county code}-{YYYYMMDD}-{6-digit sequence of that county and day}. */
export function formatCaseNo(territory: string, day: string, sequence: number): string {
  return `${caseNoPrefix(territory, day)}${String(sequence).padStart(6, '0')}`;
}

function caseNoPrefix(territory: string, day: string): string {
  return `XF-${territory}-${day.replaceAll('-', '')}-`;
}

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
