import { phoneKind, type Tx } from '#common';
import type { NotificationChannel } from '../database/notification.entity.js';
import { unitContacts } from '../database/published-views.repository.js';
import { storeNotices } from './store-notice.js';
import type { TemplateFor, TemplateVariables } from './templates.js';

export interface UnitNotice<N extends TemplateFor<'UNIT'>> {
  petitionId: string;
  unitCode: string;
  template: N;
  variables: TemplateVariables<N>;
  /** For these staff of the unit only, in their inbox, not sent to the unit's mailbox or phone. */
  inboxRole?: string;
}

/** A notice whose variables are checked against its template when it is stored. */
export interface CheckedUnitNotice {
  petitionId: string;
  unitCode: string;
  template: TemplateFor<'UNIT'>;
  variables: Record<string, string>;
  /** For these staff of the unit only, in their inbox, not sent to the unit's mailbox or phone. */
  inboxRole?: string;
}

/**
 * Tells a unit, in the caller's transaction: by email to its duty mailbox when the directory has
 * one, else by SMS to its duty phone if a mobile (a landline takes no SMS), else in the log; its staff also find it in their inbox.
 * The address itself is read when sending.
 */
export function noticeToUnit<N extends TemplateFor<'UNIT'>>(
  tx: Tx,
  notice: UnitNotice<N>,
): Promise<void> {
  return noticesToUnits(tx, [{ ...notice, variables: notice.variables as Record<string, string> }]);
}

/** Many notices at once (the deadline sweep's batches): one directory read, one insert. */
export async function noticesToUnits(tx: Tx, notices: CheckedUnitNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const units = await unitContacts(tx.manager, [...new Set(notices.map((n) => n.unitCode))]);
  const channels = new Map(
    units.map((u): [string, NotificationChannel] => [
      u.code,
      u.contact_email
        ? 'email'
        : u.contact_phone && phoneKind(u.contact_phone) === 'mobile'
          ? 'sms'
          : 'log',
    ]),
  );
  await storeNotices(
    tx,
    notices.map((notice) => ({
      petitionId: notice.petitionId,
      channel: notice.inboxRole ? 'log' : (channels.get(notice.unitCode) ?? 'log'),
      recipientKind: 'UNIT',
      recipient: notice.unitCode,
      template: notice.template,
      variables: notice.variables,
      ...(notice.inboxRole && { audienceRole: notice.inboxRole }),
    })),
  );
}
