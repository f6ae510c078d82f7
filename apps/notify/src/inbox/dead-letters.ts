import { HttpStatus, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ApiError, notFound, staffScope, Transactions, type StaffUser } from '#common';
import { recordEvent } from '../notifications/notification-events.js';
import { notificationInScope, scopeParameters } from './operator-scope.js';

export const deadLetterQuerySchema = z.strictObject({
  status: z.enum(['FAILED', 'UNCONFIRMED']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;

/**
 * What did not go out, for operators: FAILED (refused, attempts spent, reported undeliverable)
 * and UNCONFIRMED (the provider never answered: it may have gone out). Only an admin sends one
 * again, knowing that an UNCONFIRMED one may then arrive twice.
 */
@Injectable()
export class DeadLetters {
  constructor(private readonly transactions: Transactions) {}

  /** What did not go out: all of it for admins, what lies within their scope for supervisors. */
  list(staff: StaffUser, query: DeadLetterQuery) {
    return this.transactions.run(async (tx) => {
      const statuses = query.status ? [query.status] : ['FAILED', 'UNCONFIRMED'];
      const scope = await staffScope(tx.manager, staff);
      const within = scope.all ? '' : `AND ${notificationInScope('$4', '$5')}`;
      const rows = await tx.manager.query<
        {
          id: string;
          petition_id: string;
          channel: string;
          recipient_kind: string;
          recipient: string;
          template: string;
          status: string;
          attempts: number;
          error_code: string | null;
          provider: string | null;
          created_at: Date;
          total: number;
        }[]
      >(
        `SELECT n.id, n.petition_id, n.channel, n.recipient_kind, n.recipient, n.template,
                n.status, n.attempts, n.error_code, n.provider, n.created_at,
                count(*) OVER ()::int AS total
         FROM notify.notification n WHERE n.status = ANY ($1) ${within}
         ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`,
        [
          statuses,
          query.pageSize,
          (query.page - 1) * query.pageSize,
          ...(scope.all ? [] : scopeParameters(scope)),
        ],
      );
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
      const [row] = await tx.manager.query<{ status: string; petition_id: string }[]>(
        `SELECT status, petition_id FROM notify.notification WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw notFound({ zh: '通知', en: 'Notification' });
      if (row.status !== 'FAILED' && row.status !== 'UNCONFIRMED') {
        throw new ApiError(HttpStatus.CONFLICT, 'NOT_RETRYABLE', {
          zh: `该通知状态为${row.status}，只有发送失败或未确认的通知可以重发`,
          en: `The notification is ${row.status}; only FAILED or UNCONFIRMED ones can be sent again`,
        });
      }
      await tx.manager.query(
        `UPDATE notify.notification SET status = 'PENDING', attempts = 0, error_code = NULL,
           next_attempt_at = NULL, sending_at = NULL
         WHERE id = $1`,
        [id],
      );
      // The earlier send's parts are not this one's: their receipts must not settle it.
      await tx.manager.query(`DELETE FROM notify.provider_message WHERE notification_id = $1`, [
        id,
      ]);
      await recordEvent(tx.manager, { notificationId: id, event: 'REQUEUED', staffId: staff.id });
      await tx.recordTimeline({
        petitionId: row.petition_id,
        type: 'notification.requeued',
        visibleToPetitioner: false,
        data: { notificationId: id, previousStatus: row.status, staffId: staff.id },
      });
      await tx.publish('notification.dispatch', { notificationId: id });
      return { id, status: 'PENDING' };
    });
  }
}
