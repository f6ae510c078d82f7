import type { Tx } from '#common';
import { storeNotice } from './store-notice.js';
import type { TemplateFor, TemplateVariables } from './templates.js';

export interface UnitNotice<N extends TemplateFor<'UNIT'>> {
  petitionId: string;
  unitCode: string;
  template: N;
  variables: TemplateVariables<N>;
}

/**
 * Tells a unit, in the caller's transaction: by email to its duty mailbox when the directory has
 * one, else by SMS to its duty phone, else in the log. The address itself is read when sending.
 */
export async function noticeToUnit<N extends TemplateFor<'UNIT'>>(
  tx: Tx,
  notice: UnitNotice<N>,
): Promise<void> {
  const [unit] = await tx.manager.query<
    { contact_email: string | null; contact_phone: string | null }[]
  >(`SELECT contact_email, contact_phone FROM routing.unit_directory_v1 WHERE code = $1`, [
    notice.unitCode,
  ]);
  await storeNotice(tx, {
    petitionId: notice.petitionId,
    channel: unit?.contact_email ? 'email' : unit?.contact_phone ? 'sms' : 'log',
    recipientKind: 'UNIT',
    recipient: notice.unitCode,
    template: notice.template,
    variables: notice.variables as Record<string, string>,
  });
}
