import { Injectable, Logger } from '@nestjs/common';
import { chinaDateOf, DEADLINE_KIND_LABELS, OnJob, type JobPayload, type Tx } from '#common';
import { supervisingBureau } from '../units/petition-bureaus.js';
import { UnitRepository } from '../units/unit.repository.js';
import { SupervisionService } from './supervision.service.js';

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
    const unit = await new UnitRepository(tx.manager).byCode(payload.unitCode);
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
      instructions: `本件${DEADLINE_KIND_LABELS[payload.kind].zh}期限已于${chinaDateOf(new Date(payload.dueAt))}届满，请立即办理并书面说明逾期原因`,
      deadline: { id: payload.deadlineId, kind: payload.kind },
    });
  }
}
