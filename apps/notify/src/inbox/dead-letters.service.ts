import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, notFound, pageOffset, staffScope, Transactions, type StaffUser } from '#common';
import { forgetParts } from '../notifications/delivery-receipt.repository.js';
import { queueDispatches } from '../notifications/notification-dispatches.js';
import { recordEvent } from '../notifications/notification-event.repository.js';
import { lockStatus, resetForResend } from '../notifications/notification.repository.js';
import { undelivered } from './inbox.repository.js';
import type { DeadLetterQuery } from './inbox.schemas.js';

/**
 * What did not go out, for operators: FAILED (refused, attempts spent, reported undeliverable)
 * and UNCONFIRMED (the provider never answered: it may have gone out). Only an admin sends one
 * again, knowing that an UNCONFIRMED one may then arrive twice.
 */
@Injectable()
export class DeadLettersService {
  constructor(private readonly transactions: Transactions) {}

  /** What did not go out: all of it for admins, what lies within their scope for supervisors. */
  list(staff: StaffUser, query: DeadLetterQuery) {
    return this.transactions.run(async (tx) => {
      const statuses = query.status ? [query.status] : ['FAILED', 'UNCONFIRMED'];
      const scope = await staffScope(tx.manager, staff);
      const rows = await undelivered(tx.manager, scope, {
        statuses,
        limit: query.pageSize,
        offset: pageOffset(query),
      });
      return {
        items: rows.map((n) => ({
          id: n.id,
          petitionId: n.petition_id,
          channel: n.channel,
          recipientKind: n.recipient_kind,
          recipient: n.recipient,
          template: n.template,
          status: n.status,
          attempts: n.attempts,
          errorCode: n.error_code,
          provider: n.provider,
          createdAt: n.created_at,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total: rows[0]?.total ?? 0,
      };
    });
  }

  /** Sends a failed or unconfirmed notification again, with its attempts counted anew. */
  retry(staff: StaffUser, id: string) {
    return this.transactions.run(async (tx) => {
      const row = await lockStatus(tx.manager, id);
      if (!row) throw notFound({ zh: '通知', en: 'Notification' });
      if (row.status !== 'FAILED' && row.status !== 'UNCONFIRMED') {
        throw new ApiError(HttpStatus.CONFLICT, 'NOT_RETRYABLE', {
          zh: `该通知状态为${row.status}，只有发送失败或未确认的通知可以重发`,
          en: `The notification is ${row.status}; only FAILED or UNCONFIRMED ones can be sent again`,
        });
      }
      await resetForResend(tx.manager, id);
      // The earlier send's parts are not this one's: their receipts must not settle it.
      await forgetParts(tx.manager, id);
      await recordEvent(tx.manager, { notificationId: id, event: 'REQUEUED', staffId: staff.id });
      await tx.recordTimeline({
        petitionId: row.petition_id,
        type: 'notification.requeued',
        visibleToPetitioner: false,
        data: { notificationId: id, previousStatus: row.status, staffId: staff.id },
      });
      await queueDispatches(tx, [id]);
      return { id, status: 'PENDING' };
    });
  }
}
