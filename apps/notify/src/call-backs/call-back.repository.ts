import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CallOutcome } from './call-back-rules.js';

export interface CallBackRow {
  id: string;
  petition_id: string;
  case_no: string;
  petitioner_id: string;
  unit_code: string | null;
  template: string;
  variables: Record<string, string>;
  created_at: Date;
  done_at: Date | null;
  attempts: number;
  last_called_at: Date | null;
  last_outcome: CallOutcome | null;
}

export interface CallBackAttempt {
  id: string;
  staff_id: string;
  staff_username: string;
  called_at: Date;
  outcome: CallOutcome;
  note: string | null;
}

const COLUMNS = `c.id, c.petition_id, c.case_no, c.petitioner_id, c.unit_code, c.template,
  c.variables, c.created_at, c.done_at,
  (SELECT count(*)::int FROM notify.call_back_attempt a WHERE a.call_back_id = c.id) AS attempts,
  last.called_at AS last_called_at, last.outcome AS last_outcome`;
const LAST_ATTEMPT = `LEFT JOIN LATERAL (
    SELECT called_at, outcome FROM notify.call_back_attempt a
    WHERE a.call_back_id = c.id ORDER BY called_at DESC, id LIMIT 1) last ON true`;

/** Puts calls owed to petitioners on a unit's list, one row per petitioner. */
export async function insertCallBacks(
  manager: EntityManager,
  owed: {
    ids: string[];
    petitionerIds: string[];
    petitionId: string;
    caseNo: string;
    unitCode: string | null;
    template: string;
    variables: Record<string, string>;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO notify.call_back
       (id, petition_id, case_no, petitioner_id, unit_code, template, variables)
     SELECT id, $1, $2, petitioner_id, $3, $4, $5
     FROM unnest($6::uuid[], $7::uuid[]) AS c (id, petitioner_id)`,
    [
      owed.petitionId,
      owed.caseNo,
      owed.unitCode,
      owed.template,
      JSON.stringify(owed.variables),
      owed.ids,
      owed.petitionerIds,
    ],
  );
}

/** The call-back list's SQL. */
@Injectable()
export class CallBackRepository {
  /** A unit's call-backs (every unit's for null), oldest owed first; open or done. */
  async list(
    manager: EntityManager,
    filter: { unitCode: string | null; done: boolean; limit: number; offset: number },
  ): Promise<{ rows: CallBackRow[]; total: number }> {
    const where = `($1::text IS NULL OR c.unit_code = $1)
      AND (c.done_at IS ${filter.done ? 'NOT ' : ''}NULL)`;
    const rows = await manager.query<CallBackRow[]>(
      `SELECT ${COLUMNS} FROM notify.call_back c ${LAST_ATTEMPT}
       WHERE ${where} ORDER BY c.created_at, c.id LIMIT $2 OFFSET $3`,
      [filter.unitCode, filter.limit, filter.offset],
    );
    const [count] = await manager.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM notify.call_back c WHERE ${where}`,
      [filter.unitCode],
    );
    return { rows, total: count?.total ?? 0 };
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<CallBackRow | null> {
    if (lock) {
      await manager.query(`SELECT 1 FROM notify.call_back WHERE id = $1 FOR UPDATE`, [id]);
    }
    const [row] = await manager.query<CallBackRow[]>(
      `SELECT ${COLUMNS} FROM notify.call_back c ${LAST_ATTEMPT} WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  attempts(manager: EntityManager, id: string): Promise<CallBackAttempt[]> {
    return manager.query<CallBackAttempt[]>(
      `SELECT id, staff_id, staff_username, called_at, outcome, note
       FROM notify.call_back_attempt WHERE call_back_id = $1 ORDER BY called_at, id`,
      [id],
    );
  }

  async recordAttempt(
    manager: EntityManager,
    attempt: {
      callBackId: string;
      staff: { id: string; username: string };
      outcome: CallOutcome;
      note: string | null;
      ends: boolean;
    },
  ): Promise<{ id: string; calledAt: Date }> {
    const id = randomUUID();
    const [row] = await manager.query<{ called_at: Date }[]>(
      `INSERT INTO notify.call_back_attempt
         (id, call_back_id, staff_id, staff_username, outcome, note)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING called_at`,
      [
        id,
        attempt.callBackId,
        attempt.staff.id,
        attempt.staff.username,
        attempt.outcome,
        attempt.note,
      ],
    );
    const calledAt = row?.called_at ?? new Date();
    if (attempt.ends) {
      await manager.query(`UPDATE notify.call_back SET done_at = $2 WHERE id = $1`, [
        attempt.callBackId,
        calledAt,
      ]);
    }
    return { id, calledAt };
  }
}
