import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { notFound, staffScope, Transactions, type StaffUser, type Tx } from '#common';
import type { Locale } from '../notifications/templates.js';
import { render } from '../notifications/templates.js';
import { notificationInScope, scopeParameters } from './operator-scope.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const inboxQuerySchema = z.strictObject({
  unread: flag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** The notices a staff member reads: their unit's (those for their roles) and their own pages. */
const MINE = `((n.recipient_kind = 'UNIT' AND n.recipient = $2
                AND (n.audience_role IS NULL OR n.audience_role = ANY ($3)))
               OR n.staff_id = $1)`;

interface InboxRow {
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

/** Renders a stored notice as its recipient reads it. */
function shown(row: InboxRow) {
  const { subject, text } = render(row.template, row.variables, {}, row.locale);
  return {
    id: row.id,
    petitionId: row.petition_id,
    caseNo: row.variables.caseNo ?? null,
    template: row.template,
    subject,
    text,
    channel: row.channel,
    status: row.status,
    createdAt: row.created_at,
    readAt: row.read_at,
    urgent: row.urgent_alert_id ? { alertId: row.urgent_alert_id, status: row.alert_status } : null,
  };
}

/** The staff inbox (站内通知): every notice to the caller's unit, unread first, newest first. */
@Injectable()
export class StaffInbox {
  constructor(private readonly transactions: Transactions) {}

  list(staff: StaffUser, query: InboxQuery) {
    return this.transactions.run(async (tx) => {
      const mine = [staff.id, staff.unitCode, staff.roles];
      const unreadOnly = query.unread ? 'AND r.read_at IS NULL' : '';
      const rows = await tx.manager.query<InboxRow[]>(
        `SELECT n.id, n.petition_id, n.template, n.variables, n.locale, n.channel, n.status,
                n.created_at, r.read_at, n.urgent_alert_id, a.status AS alert_status
         FROM notify.notification n
         LEFT JOIN notify.notification_read r ON r.notification_id = n.id AND r.staff_id = $1
         LEFT JOIN notify.urgent_alert a ON a.id = n.urgent_alert_id
         WHERE ${MINE} ${unreadOnly}
         ORDER BY (r.read_at IS NULL) DESC, n.created_at DESC, n.id
         LIMIT $4 OFFSET $5`,
        [...mine, query.pageSize, (query.page - 1) * query.pageSize],
      );
      const [counts] = await tx.manager.query<{ total: number; unread: number }[]>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread
         FROM notify.notification n
         LEFT JOIN notify.notification_read r ON r.notification_id = n.id AND r.staff_id = $1
         WHERE ${MINE}`,
        mine,
      );
      return {
        items: rows.map(shown),
        page: query.page,
        pageSize: query.pageSize,
        total: query.unread ? (counts?.unread ?? 0) : (counts?.total ?? 0),
        unread: counts?.unread ?? 0,
      };
    });
  }

  /** Marks a notice read for the caller; reading it again keeps the first time. */
  markRead(staff: StaffUser, id: string) {
    return this.transactions.run(async (tx) => {
      await this.visible(tx, staff, id);
      await tx.manager.query(
        `INSERT INTO notify.notification_read (notification_id, staff_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING`,
        [id, staff.id],
      );
      const [read] = await tx.manager.query<{ read_at: Date }[]>(
        `SELECT read_at FROM notify.notification_read WHERE notification_id = $1 AND staff_id = $2`,
        [id, staff.id],
      );
      return { id, readAt: read?.read_at ?? null };
    });
  }

  /**
   * One notice with its delivery history: to whoever may read it, and to operators following up
   * a failed delivery (admins, and supervisors within their scope). Addresses are never shown:
   * the recipient is an id.
   */
  detail(staff: StaffUser, id: string) {
    return this.transactions.run(async (tx) => {
      const operator = staff.roles.some((role) => role === 'admin' || role === 'supervisor');
      await this.visible(tx, staff, id, operator);
      const [row] = await tx.manager.query<
        (InboxRow & {
          recipient_kind: string;
          recipient: string;
          attempts: number;
          error_code: string | null;
          provider: string | null;
        })[]
      >(
        `SELECT n.id, n.petition_id, n.template, n.variables, n.locale, n.channel, n.status,
                n.created_at, r.read_at, n.urgent_alert_id, a.status AS alert_status,
                n.recipient_kind, n.recipient, n.attempts, n.error_code, n.provider
         FROM notify.notification n
         LEFT JOIN notify.notification_read r ON r.notification_id = n.id AND r.staff_id = $2
         LEFT JOIN notify.urgent_alert a ON a.id = n.urgent_alert_id
         WHERE n.id = $1`,
        [id, staff.id],
      );
      if (!row) throw notFound({ zh: '通知', en: 'Notification' });
      const history = await tx.manager.query<
        {
          event: string;
          occurred_at: Date;
          provider: string | null;
          attempt: number | null;
          error_code: string | null;
        }[]
      >(
        `SELECT event, occurred_at, provider, attempt, error_code FROM notify.notification_event
         WHERE notification_id = $1 ORDER BY id`,
        [id],
      );
      // The receipt's text holds the query code: operators see its template, not its text.
      const body =
        row.recipient_kind === 'PETITIONER'
          ? { id: row.id, petitionId: row.petition_id, template: row.template, status: row.status }
          : shown(row);
      return {
        ...body,
        recipientKind: row.recipient_kind,
        recipient: row.recipient,
        attempts: row.attempts,
        errorCode: row.error_code,
        provider: row.provider,
        history: history.map((h) => ({
          event: h.event,
          at: h.occurred_at,
          provider: h.provider,
          attempt: h.attempt,
          errorCode: h.error_code,
        })),
      };
    });
  }

  /**
   * A notice not addressed to the caller does not exist for them; for an operator, one outside
   * their scope neither (admins see every notice).
   */
  private async visible(tx: Tx, staff: StaffUser, id: string, operator = false) {
    const scope = operator ? await staffScope(tx.manager, staff) : null;
    if (scope?.all) return;
    const within = scope ? `OR ${notificationInScope('$5', '$6')}` : '';
    const [row] = await tx.manager.query<unknown[]>(
      `SELECT 1 FROM notify.notification n WHERE n.id = $4 AND (${MINE} ${within})`,
      [staff.id, staff.unitCode, staff.roles, id, ...(scope ? scopeParameters(scope) : [])],
    );
    if (!row) throw notFound({ zh: '通知', en: 'Notification' });
  }
}
