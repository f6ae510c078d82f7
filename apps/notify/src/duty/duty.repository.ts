import type { EntityManager } from 'typeorm';
import type { TemplateFor } from '../notifications/templates.js';

/** A person on a duty roster, their phone and mailbox sealed. */
export interface RosterEntry {
  id: string;
  position: number;
  staff_id: string | null;
  phone_sealed: string | null;
  email_sealed: string | null;
  locale: 'zh-CN' | 'en';
}

/** A scope's roster after the given position, in paging order. */
export function rosterEntries(
  manager: EntityManager,
  scope: string,
  after = 0,
): Promise<RosterEntry[]> {
  return manager.query<RosterEntry[]>(
    `SELECT id, position, staff_id, phone_sealed, email_sealed, locale
     FROM notify.duty_roster_entry WHERE scope = $1 AND position > $2 ORDER BY position`,
    [scope, after],
  );
}

/** The rosters of several scopes, by scope and position. */
export function rostersOf(
  manager: EntityManager,
  scopes: string[],
): Promise<(Omit<RosterEntry, 'position'> & { scope: string })[]> {
  return manager.query(
    `SELECT id, scope, staff_id, phone_sealed, email_sealed, locale FROM notify.duty_roster_entry
     WHERE scope = ANY ($1) ORDER BY scope, position`,
    [scopes],
  );
}

/** A roster entry's sealed phone and mailbox, to page it. */
export async function rosterContact(
  manager: EntityManager,
  entryId: string,
): Promise<{ phone_sealed: string | null; email_sealed: string | null } | undefined> {
  const [entry] = await manager.query<
    { phone_sealed: string | null; email_sealed: string | null }[]
  >(`SELECT phone_sealed, email_sealed FROM notify.duty_roster_entry WHERE id = $1`, [entryId]);
  return entry;
}

/** Replaces a scope's roster with the entries given (positions from 1, contacts sealed). */
export async function replaceRoster(
  manager: EntityManager,
  scope: string,
  updatedBy: string,
  entries: {
    id: string;
    position: number;
    staffId: string | null;
    phone: string | null;
    email: string | null;
    locale: string;
  }[],
): Promise<void> {
  await manager.query(`DELETE FROM notify.duty_roster_entry WHERE scope = $1`, [scope]);
  await manager.query(
    `INSERT INTO notify.duty_roster_entry
       (id, scope, position, staff_id, phone_sealed, email_sealed, locale, updated_by)
     SELECT id, $1, position, staff_id, phone, email, locale, $2
     FROM unnest($3::uuid[], $4::int[], $5::uuid[], $6::text[], $7::text[], $8::text[])
       AS e (id, position, staff_id, phone, email, locale)`,
    [
      scope,
      updatedBy,
      entries.map((e) => e.id),
      entries.map((e) => e.position),
      entries.map((e) => e.staffId),
      entries.map((e) => e.phone),
      entries.map((e) => e.email),
      entries.map((e) => e.locale),
    ],
  );
}

export type UrgentReason = 'COLLECTIVE' | 'CLUSTER' | 'FLAGGED';

export interface AlertRow {
  id: string;
  petition_id: string;
  reason: UrgentReason;
  scope: string;
  position: number;
  template: TemplateFor<'UNIT'>;
  variables: Record<string, string>;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'EXHAUSTED';
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

const ALERT_COLUMNS = `id, petition_id, reason, scope, position, template, variables, status,
  acknowledged_at, acknowledged_by`;

/** An OPEN alert paging `position` of `scope`'s roster, escalated after `ackTimeoutMs`. */
export async function insertAlert(
  manager: EntityManager,
  alert: {
    id: string;
    petitionId: string;
    reason: UrgentReason;
    scope: string;
    position: number;
    template: TemplateFor<'UNIT'>;
    variables: Record<string, string>;
    raisedBy: string | null;
    ackTimeoutMs: number;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO notify.urgent_alert
       (id, petition_id, reason, scope, position, template, variables, status, raised_by,
        escalate_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, now() + $9 * interval '1 millisecond')`,
    [
      alert.id,
      alert.petitionId,
      alert.reason,
      alert.scope,
      alert.position,
      alert.template,
      alert.variables,
      alert.raisedBy,
      alert.ackTimeoutMs,
    ],
  );
}

/** OPEN alerts due to escalate, oldest first, locked; those another replica holds skipped. */
export function claimDueAlerts(manager: EntityManager, limit: number): Promise<AlertRow[]> {
  return manager.query<AlertRow[]>(
    `SELECT ${ALERT_COLUMNS}
     FROM notify.urgent_alert WHERE status = 'OPEN' AND escalate_at <= now()
     ORDER BY escalate_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
}

export async function lockAlert(manager: EntityManager, id: string): Promise<AlertRow | undefined> {
  const [alert] = await manager.query<AlertRow[]>(
    `SELECT ${ALERT_COLUMNS} FROM notify.urgent_alert WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return alert;
}

/** Escalation stops; returns the alert's new status and who acknowledged it when. */
export async function acknowledgeAlert(
  manager: EntityManager,
  id: string,
  staffId: string,
): Promise<Pick<AlertRow, 'status' | 'acknowledged_at' | 'acknowledged_by'> | undefined> {
  const [updated] = await manager.query<AlertRow[]>(
    `WITH acknowledged AS (
       UPDATE notify.urgent_alert SET status = 'ACKNOWLEDGED', acknowledged_at = now(),
         acknowledged_by = $2, escalate_at = NULL
       WHERE id = $1
       RETURNING status, acknowledged_at, acknowledged_by)
     SELECT * FROM acknowledged`,
    [id, staffId],
  );
  return updated;
}

/** Nobody on the roster answered. */
export async function exhaustAlert(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `UPDATE notify.urgent_alert SET status = 'EXHAUSTED', escalate_at = NULL WHERE id = $1`,
    [id],
  );
}

/** The alert now pages `position`, escalated again after `ackTimeoutMs`. */
export async function moveAlertOn(
  manager: EntityManager,
  id: string,
  position: number,
  ackTimeoutMs: number,
): Promise<void> {
  await manager.query(
    `UPDATE notify.urgent_alert SET position = $2,
       escalate_at = now() + $3 * interval '1 millisecond'
     WHERE id = $1`,
    [id, position, ackTimeoutMs],
  );
}

/** The OPEN alert of a case flagged urgent, locked, if any. */
export async function lockOpenFlag(
  manager: EntityManager,
  petitionId: string,
): Promise<{ id: string } | undefined> {
  const [open] = await manager.query<{ id: string }[]>(
    `SELECT id FROM notify.urgent_alert
     WHERE petition_id = $1 AND reason = 'FLAGGED' AND status = 'OPEN' FOR UPDATE`,
    [petitionId],
  );
  return open;
}
