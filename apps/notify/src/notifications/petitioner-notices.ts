import type { Tx } from '#common';
import { petitionerChannel } from '../call-backs/call-back-rules.js';
import { oweCallBacks } from '../call-backs/owe-call-back.js';
import { petitionersWithPhone } from '../database/published-views.repository.js';
import { storeNotice } from './store-notice.js';
import type { TemplateFor, TemplateVariables } from './templates.js';

export interface PetitionerNotice<N extends TemplateFor<'PETITIONER'>> {
  petitionId: string;
  template: N;
  variables: TemplateVariables<N>;
}

/**
 * Tells every petitioner of a petition who gave a phone, in the caller's transaction: by SMS to
 * a mobile; a landline's notice goes on the registering unit's call-back list. Anonymous
 * petitions and petitioners without a phone get nothing. Petitioners are named by id: the phone
 * stays sealed in intake (its kind is read beside it) and is opened only to send or to call.
 */
export async function noticeToPetitioners<N extends TemplateFor<'PETITIONER'>>(
  tx: Tx,
  notice: PetitionerNotice<N>,
): Promise<number> {
  const petitioners = await petitionersWithPhone(tx.manager, notice.petitionId);
  const variables = notice.variables as Record<string, string>;
  const toCall: string[] = [];
  for (const { id, phone_kind } of petitioners) {
    if (petitionerChannel(phone_kind) === 'call-back') {
      toCall.push(id);
      continue;
    }
    await storeNotice(tx, {
      petitionId: notice.petitionId,
      channel: 'sms',
      recipientKind: 'PETITIONER',
      recipient: id,
      template: notice.template,
      variables,
    });
  }
  await oweCallBacks(tx, {
    petitionId: notice.petitionId,
    petitionerIds: toCall,
    template: notice.template,
    variables,
  });
  return petitioners.length;
}
