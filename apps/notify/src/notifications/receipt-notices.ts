import type { Tx } from '#common';
import { petitionReceipt } from '../database/published-views.repository.js';
import { noticeToPetitioners } from './petitioner-notices.js';

/**
 * The receipt (回执) by SMS: case number and query code, to each petitioner who gave a phone.
 * Intake kept the query code sealed for it only when someone did; the code itself is read when
 * the SMS is sent, so it is never stored in notify.
 */
export async function sendReceipts(tx: Tx, petitionId: string): Promise<void> {
  const petition = await petitionReceipt(tx.manager, petitionId);
  // Published in the registration's transaction, so the petition is there once the job is.
  if (!petition) throw new Error(`petition ${petitionId} not found`);
  if (petition.receipt_code_sealed === null) return;
  await noticeToPetitioners(tx, {
    petitionId,
    template: 'petition.receipt',
    variables: { caseNo: petition.case_no },
  });
}
