import { Injectable } from '@nestjs/common';
import { notFound, pageOffset, staffScope, Transactions, type StaffUser, type Tx } from '#common';
import { render } from '../notifications/templates.js';
import {
  inboxCounts,
  inboxPage,
  markRead,
  mayRead,
  noticeDetail,
  noticeHistory,
  type InboxRow,
} from './inbox.repository.js';
import type { InboxQuery } from './inbox.schemas.js';

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
export class StaffInboxService {
  constructor(private readonly transactions: Transactions) {}

  list(staff: StaffUser, query: InboxQuery) {
    return this.transactions.run(async (tx) => {
      const rows = await inboxPage(tx.manager, staff, {
        unreadOnly: query.unread === true,
        limit: query.pageSize,
        offset: pageOffset(query),
      });
      const counts = await inboxCounts(tx.manager, staff);
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
      return { id, readAt: await markRead(tx.manager, id, staff.id) };
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
      const row = await noticeDetail(tx.manager, id, staff.id);
      if (!row) throw notFound({ zh: '通知', en: 'Notification' });
      const history = await noticeHistory(tx.manager, id);
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
    if (!(await mayRead(tx.manager, staff, id, scope))) {
      throw notFound({ zh: '通知', en: 'Notification' });
    }
  }
}
