import type pg from 'pg';
import type { NotificationRowBase } from '#common';

/** A row of notify.notification, as the tests read it. */
export interface NotificationRow extends NotificationRowBase {
  attempts: number;
  error_code: string | null;
  provider_message_id: string | null;
}

/** A notice as the case view shows it to staff. */
export interface CaseNotification {
  channel: string;
  template: string;
  to?: string | null;
  subject: string | null;
  text: string | null;
}

/** The notifications of a case, the petitioners' first, each recipient's in the order made. */
export async function notificationsOfCase(db: pg.Pool, caseNo: string): Promise<NotificationRow[]> {
  const { rows } = await db.query<NotificationRow>(
    `SELECT n.* FROM notify.notification n JOIN intake.petition p ON p.id = n.petition_id
     WHERE p.case_no = $1 ORDER BY n.recipient_kind, n.created_at`,
    [caseNo],
  );
  return rows;
}
