import { Injectable, Logger } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { Deadline } from '../database/deadline.entity.js';
import { sendReceipts } from './receipt-notices.js';
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
    // The units that owe the original case something are the ones whose clocks run on it.
    const deadlines = await tx.manager.find(Deadline, {
      where: { petitionId: payload.originalPetitionId, status: 'OPEN' },
    });
    const units = [...new Set(deadlines.map((d) => d.unitCode))];
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
