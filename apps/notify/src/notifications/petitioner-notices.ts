import type { Tx } from '#common';
import { storeNotice } from './store-notice.js';
import type { TemplateFor, TemplateVariables } from './templates.js';

export interface PetitionerNotice<N extends TemplateFor<'PETITIONER'>> {
  petitionId: string;
  template: N;
  variables: TemplateVariables<N>;
}

/**
 * Texts every petitioner of a petition who gave a phone, in the caller's transaction; anonymous
 * petitions and petitioners without a phone get nothing. The notice names the petitioner by id:
 * the phone stays sealed in intake and is opened only to send.
 */
export async function noticeToPetitioners<N extends TemplateFor<'PETITIONER'>>(
  tx: Tx,
  notice: PetitionerNotice<N>,
): Promise<number> {
  const petitioners = await tx.manager.query<{ id: string }[]>(
    `SELECT id FROM intake.petitioner_contact_v1
     WHERE petition_id = $1 AND phone_sealed IS NOT NULL ORDER BY id`,
    [notice.petitionId],
  );
  for (const { id } of petitioners) {
    await storeNotice(tx, {
      petitionId: notice.petitionId,
      channel: 'sms',
      recipientKind: 'PETITIONER',
      recipient: id,
      template: notice.template,
      variables: notice.variables as Record<string, string>,
    });
  }
  return petitioners.length;
}
