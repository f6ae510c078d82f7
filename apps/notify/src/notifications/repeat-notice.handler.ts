import { Injectable, Logger } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { leadUnits, petitionReceipt } from '../database/published-views.repository.js';
import { sendReceipts } from './receipt-notices.js';
import { storeNotice } from './store-notice.js';
import { noticeToUnit } from './unit-notices.js';

/**
 * A petitioner came again about an open case: the units that hold it are told (重复信访), and the
 * petitioner gets the receipt of this petition like any other.
 */
@Injectable()
export class RepeatNoticeHandler {
  private readonly logger = new Logger(RepeatNoticeHandler.name);

  @OnJob('petition.repeated')
  async onRepeated(payload: JobPayload<'petition.repeated'>, tx: Tx) {
    await sendReceipts(tx, payload.petitionId);
    // Which case it joined is told only to a phone already on that case, never in an answer.
    for (const petitionerId of payload.ownPetitionerIds ?? []) {
      await storeNotice(tx, {
        petitionId: payload.petitionId,
        channel: 'sms',
        recipientKind: 'PETITIONER',
        recipient: petitionerId,
        template: 'petition.linked',
        variables: {
          caseNo: await caseNoOf(tx, payload.petitionId),
          originalCaseNo: payload.originalCaseNo,
        },
      });
    }
    // The unit that leads the original case now, as routing's read contract has it (notify's
    // own clocks for it may not be open yet).
    const units = await leadUnits(tx.manager, payload.originalPetitionId);
    if (units.length === 0) {
      this.logger.log(`case ${payload.originalCaseNo} has no unit yet; its repeat will show there`);
    }
    for (const unitCode of units) {
      await noticeToUnit(tx, {
        petitionId: payload.originalPetitionId,
        unitCode,
        template: 'petition.repeated',
        variables: { caseNo: payload.originalCaseNo },
      });
    }
    await tx.recordTimeline({
      petitionId: payload.originalPetitionId,
      type: 'petition.repeat-notified',
      visibleToPetitioner: false,
      data: { repeatPetitionId: payload.petitionId, units },
    });
  }
}

async function caseNoOf(tx: Tx, petitionId: string): Promise<string> {
  const petition = await petitionReceipt(tx.manager, petitionId);
  if (!petition) throw new Error(`petition ${petitionId} not found`);
  return petition.case_no;
}
