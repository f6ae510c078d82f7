import type { DeadlineKind, StatutoryDeadlineKind } from '#common';
import type { EntityManager } from 'typeorm';
import { Deadline } from '../database/deadline.entity.js';

/** Deadlines claimed, notified and marked in one transaction. */
export const SWEEP_BATCH_SIZE = 500;

export interface ClaimedDeadline {
  id: string;
  petition_id: string;
  case_no: string;
  unit_code: string;
  kind: DeadlineKind;
  due_at: Date;
  next_alert_at: Date | null;
  overdue_at: Date | null;
}

/**
 * The open deadlines owed an alert at `now`, oldest first, locked; rows another replica holds are
 * skipped (it sends those). The partial index over `next_alert_at` holds each open deadline once,
 * so this reads an index range of exactly the due work, however many deadlines are open.
 */
export function claimQuery(now: Date, limit = SWEEP_BATCH_SIZE) {
  return {
    sql: `SELECT id, petition_id, case_no, unit_code, kind, due_at, next_alert_at, overdue_at
          FROM notify.deadline
          WHERE status = 'OPEN' AND next_alert_at <= $1
          ORDER BY next_alert_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    params: [now, limit],
  };
}

export function claimDue(manager: EntityManager, now: Date): Promise<ClaimedDeadline[]> {
  const { sql, params } = claimQuery(now);
  return manager.query<ClaimedDeadline[]>(sql, params);
}

/** Each deadline's next alert; an escalation and a daily overdue reminder are noted at `now`. */
export async function moveAlertsOn(
  manager: EntityManager,
  plans: { id: string; next: Date; alert: string | null }[],
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE notify.deadline d SET next_alert_at = p.next,
       overdue_at = CASE WHEN p.kind = 'OVERDUE' THEN $2 ELSE d.overdue_at END,
       last_overdue_reminder_at =
         CASE WHEN p.kind = 'STILL_OVERDUE' THEN $2 ELSE d.last_overdue_reminder_at END
     FROM unnest($1::uuid[], $3::timestamptz[], $4::text[]) AS p (id, next, kind)
     WHERE d.id = p.id`,
    [plans.map((p) => p.id), now, plans.map((p) => p.next), plans.map((p) => p.alert)],
  );
}

export interface ProvisionalDeadline {
  id: string;
  petition_id: string;
  case_no: string;
  kind: StatutoryDeadlineKind;
  starts_at: Date;
  due_at: Date;
  period_days: number;
  overdue_at: Date | null;
}

/** The open deadlines counted on the provisional calendar, by due date, locked. */
export function lockProvisional(manager: EntityManager): Promise<ProvisionalDeadline[]> {
  return manager.query<ProvisionalDeadline[]>(
    `SELECT id, petition_id, case_no, kind, starts_at, due_at, period_days, overdue_at
     FROM notify.deadline
     WHERE status = 'OPEN' AND provisional AND period_days IS NOT NULL
     ORDER BY due_at
     FOR UPDATE`,
  );
}

export async function setProvisional(
  manager: EntityManager,
  id: string,
  provisional: boolean,
): Promise<void> {
  await manager.query(`UPDATE notify.deadline SET provisional = $2 WHERE id = $1`, [
    id,
    provisional,
  ]);
}

/** A recounted last day, with its first alert. */
export async function moveDue(
  manager: EntityManager,
  id: string,
  due: { dueAt: Date; provisional: boolean; nextAlertAt: Date },
): Promise<void> {
  await manager.query(
    `UPDATE notify.deadline SET due_at = $2, provisional = $3, next_alert_at = $4 WHERE id = $1`,
    [id, due.dueAt, due.provisional, due.nextAlertAt],
  );
}

/** Open and overdue deadlines by kind. */
export function countOpen(
  manager: EntityManager,
): Promise<{ kind: string; open: number; overdue: number }[]> {
  return manager.query(
    `SELECT kind, count(*)::int AS open, (count(*) FILTER (WHERE due_at < now()))::int AS overdue
     FROM notify.deadline WHERE status = 'OPEN' GROUP BY kind`,
  );
}

export async function insertDeadline(manager: EntityManager, deadline: Deadline): Promise<void> {
  await manager.insert(Deadline, deadline);
}

/** The clock of a kind that a source (assignment, petition, supervision) started, if any. */
export function findClock(
  manager: EntityManager,
  where: { sourceId: string; kind: DeadlineKind; status?: Deadline['status'] },
): Promise<Deadline | null> {
  return manager.findOneBy(Deadline, where);
}

export async function updateDeadline(
  manager: EntityManager,
  id: string,
  changes: Partial<Deadline>,
): Promise<void> {
  await manager.update(Deadline, { id }, changes);
}

/** Stops a source's open clocks (of one kind when given). */
export async function closeClocks(
  manager: EntityManager,
  where: { sourceId: string; kind?: DeadlineKind },
  at: Date,
): Promise<void> {
  await manager.update(Deadline, { ...where, status: 'OPEN' }, { status: 'CLOSED', closedAt: at });
}
