import { Injectable, Logger } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
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
    // The unit that leads the original case now, as routing's read contract has it (notify's
    // own clocks for it may not be open yet).
    const leads = await tx.manager.query<{ unit_code: string }[]>(
      `SELECT DISTINCT unit_code FROM routing.case_assignment_v1
       WHERE petition_id = $1 AND role = 'LEAD' AND status IN ('ASSIGNED', 'ACCEPTED')
       ORDER BY unit_code`,
      [payload.originalPetitionId],
    );
    const units = leads.map((lead) => lead.unit_code);
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
