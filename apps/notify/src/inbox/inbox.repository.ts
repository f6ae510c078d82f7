import type { NotificationRowBase, StaffScope, StaffUser } from '#common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '../notifications/templates.js';

/** The notices a staff member reads: their unit's (those for their roles) and their own pages. */
const MINE = `((n.recipient_kind = 'UNIT' AND n.recipient = $2
                AND (n.audience_role IS NULL OR n.audience_role = ANY ($3)))
               OR n.staff_id = $1)`;
const mine = (staff: StaffUser) => [staff.id, staff.unitCode, staff.roles];

/**
 * SQL condition: the notification `n` lies within a supervisor's scope, given as two query
 * parameters (the scope's unit codes, text[], and its territory prefix, text or null).
 * A unit's notice belongs to that unit; a duty page to the roster (unit or territory) it was
 * paged from; a petitioner's message to the units the petition is assigned to and, for a
 * petition bureau, to its territory where the petition arose.
 */
function notificationInScope(units: string, territory: string): string {
  return `(
    (n.recipient_kind = 'UNIT' AND n.recipient = ANY (${units}::text[]))
    OR (n.recipient_kind = 'DUTY' AND EXISTS (
      SELECT 1 FROM notify.urgent_alert ua WHERE ua.id = n.urgent_alert_id
        AND (ua.scope = ANY (${units}::text[])
             OR (${territory}::text IS NOT NULL AND ua.scope ~ '^[0-9]{6}$'
                 AND ua.scope LIKE ${territory}::text || '%'))))
    OR (n.recipient_kind = 'PETITIONER' AND (
      EXISTS (SELECT 1 FROM routing.case_assignment_v1 ca
              WHERE ca.petition_id = n.petition_id AND ca.unit_code = ANY (${units}::text[]))
      OR (${territory}::text IS NOT NULL AND EXISTS (
        SELECT 1 FROM intake.petition_for_routing_v1 p
        WHERE p.id = n.petition_id AND p.division_code LIKE ${territory}::text || '%')))))`;
}

/** The two parameters of notificationInScope. */
const scopeParameters = (scope: StaffScope) => [scope.unitCodes, scope.territory];

export interface InboxRow {
  id: string;
  petition_id: string;
  template: string;
  variables: Record<string, string>;
  locale: Locale;
  channel: string;
  status: string;
  created_at: Date;
  read_at: Date | null;
  urgent_alert_id: string | null;
  alert_status: string | null;
}

/** A page of the staff member's notices, unread first, newest first. */
export function inboxPage(
  manager: EntityManager,
  staff: StaffUser,
  page: { unreadOnly: boolean; limit: number; offset: number },
): Promise<InboxRow[]> {
  const unreadOnly = page.unreadOnly ? 'AND r.read_at IS NULL' : '';
  return manager.query<InboxRow[]>(
    `SELECT n.id, n.petition_id, n.template, n.variables, n.locale, n.channel, n.status,
            n.created_at, r.read_at, n.urgent_alert_id, a.status AS alert_status
     FROM notify.notification n
     LEFT JOIN notify.notification_read r ON r.notification_id = n.id AND r.staff_id = $1
     LEFT JOIN notify.urgent_alert a ON a.id = n.urgent_alert_id
     WHERE ${MINE} ${unreadOnly}
     ORDER BY (r.read_at IS NULL) DESC, n.created_at DESC, n.id
     LIMIT $4 OFFSET $5`,
    [...mine(staff), page.limit, page.offset],
  );
}

/** How many notices the staff member has, and how many of them are unread. */
export async function inboxCounts(
  manager: EntityManager,
  staff: StaffUser,
): Promise<{ total: number; unread: number } | undefined> {
  const [counts] = await manager.query<{ total: number; unread: number }[]>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread
     FROM notify.notification n
     LEFT JOIN notify.notification_read r ON r.notification_id = n.id AND r.staff_id = $1
     WHERE ${MINE}`,
    mine(staff),
  );
  return counts;
}

/** Marks a notice read; returns when it was first read. */
export async function markRead(
  manager: EntityManager,
  notificationId: string,
  staffId: string,
): Promise<Date | null> {
  await manager.query(
    `INSERT INTO notify.notification_read (notification_id, staff_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING`,
    [notificationId, staffId],
  );
  const [read] = await manager.query<{ read_at: Date }[]>(
    `SELECT read_at FROM notify.notification_read WHERE notification_id = $1 AND staff_id = $2`,
    [notificationId, staffId],
  );
  return read?.read_at ?? null;
}

export interface NoticeDetail extends InboxRow {
  recipient_kind: string;
  recipient: string;
  attempts: number;
  error_code: string | null;
  provider: string | null;
}

/** One notice as the staff member reads it, with where its delivery stands. */
export async function noticeDetail(
  manager: EntityManager,
  id: string,
  staffId: string,
): Promise<NoticeDetail | undefined> {
  const [row] = await manager.query<NoticeDetail[]>(
    `SELECT n.id, n.petition_id, n.template, n.variables, n.locale, n.channel, n.status,
            n.created_at, r.read_at, n.urgent_alert_id, a.status AS alert_status,
            n.recipient_kind, n.recipient, n.attempts, n.error_code, n.provider
     FROM notify.notification n
     LEFT JOIN notify.notification_read r ON r.notification_id = n.id AND r.staff_id = $2
     LEFT JOIN notify.urgent_alert a ON a.id = n.urgent_alert_id
     WHERE n.id = $1`,
    [id, staffId],
  );
  return row;
}

/** A notice's history, in the order it happened. */
export function noticeHistory(
  manager: EntityManager,
  id: string,
): Promise<
  {
    event: string;
    occurred_at: Date;
    provider: string | null;
    attempt: number | null;
    error_code: string | null;
  }[]
> {
  return manager.query(
    `SELECT event, occurred_at, provider, attempt, error_code FROM notify.notification_event
     WHERE notification_id = $1 ORDER BY id`,
    [id],
  );
}

/**
 * Whether the notice is addressed to the staff member or, with an operator's scope given, lies
 * within it.
 */
export async function mayRead(
  manager: EntityManager,
  staff: StaffUser,
  id: string,
  scope: StaffScope | null,
): Promise<boolean> {
  const within = scope ? `OR ${notificationInScope('$5', '$6')}` : '';
  const [row] = await manager.query<unknown[]>(
    `SELECT 1 FROM notify.notification n WHERE n.id = $4 AND (${MINE} ${within})`,
    [...mine(staff), id, ...(scope ? scopeParameters(scope) : [])],
  );
  return row !== undefined;
}

export interface UndeliveredRow extends NotificationRowBase {
  petition_id: string;
  attempts: number;
  error_code: string | null;
  provider: string | null;
  created_at: Date;
  total: number;
}

/** A page of the notifications in the statuses given, newest first, within the scope. */
export function undelivered(
  manager: EntityManager,
  scope: StaffScope,
  page: { statuses: string[]; limit: number; offset: number },
): Promise<UndeliveredRow[]> {
  const within = scope.all ? '' : `AND ${notificationInScope('$4', '$5')}`;
  return manager.query<UndeliveredRow[]>(
    `SELECT n.id, n.petition_id, n.channel, n.recipient_kind, n.recipient, n.template,
            n.status, n.attempts, n.error_code, n.provider, n.created_at,
            count(*) OVER ()::int AS total
     FROM notify.notification n WHERE n.status = ANY ($1) ${within}
     ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`,
    [page.statuses, page.limit, page.offset, ...(scope.all ? [] : scopeParameters(scope))],
  );
}
