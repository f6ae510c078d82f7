import { Injectable, Logger } from '@nestjs/common';
import { OnJob, type DeadlineKind, type JobPayload, type Tx } from '#common';
import { Unit } from '../database/unit.entity.js';
import { SupervisionService, supervisingBureau } from './supervision.service.js';

const KIND_ZH: Record<Exclude<DeadlineKind, 'SUPERVISION_ANSWER'>, string> = {
  FORWARD: '转送交办',
  ACCEPTANCE: '受理告知',
  CONCLUSION: '办结',
  REVIEW: '复查',
  RE_REVIEW: '复核',
  REPORT_BACK: '报告办理结果',
};

/** A missed legal deadline puts the case under the petition bureau's supervision (督办). */
@Injectable()
export class OverdueDeadlineHandler {
  private readonly logger = new Logger(OverdueDeadlineHandler.name);

  constructor(private readonly supervision: SupervisionService) {}

  @OnJob('deadline.overdue')
  async onOverdue(payload: JobPayload<'deadline.overdue'>, tx: Tx) {
    // An unanswered supervision notice is not supervised again: notify has told the unit's
    // leaders and the bureau, and reminds them daily until the answer comes.
    if (payload.kind === 'SUPERVISION_ANSWER') return;
    const unit = await tx.manager.findOneBy(Unit, { code: payload.unitCode });
    const bureau = unit && (await supervisingBureau(tx, unit));
    if (!bureau) {
      this.logger.error(
        `case ${payload.caseNo}: no petition bureau supervises ${payload.unitCode}`,
      );
      return;
    }
    await this.supervision.issue(tx, {
      petitionId: payload.petitionId,
      caseNo: payload.caseNo,
      unitCode: payload.unitCode,
      supervisingUnitCode: bureau.code,
      source: 'OVERDUE',
      instructions: `本件${KIND_ZH[payload.kind]}期限已于${payload.dueAt}届满，请立即办理并书面说明逾期原因`,
      deadline: { id: payload.deadlineId, kind: payload.kind },
    });
  }
}
