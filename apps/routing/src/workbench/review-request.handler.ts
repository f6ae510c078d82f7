import { Injectable, Logger } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { barringUnitFor } from '../accused-parties/accused-unit.guard.js';
import { assignCase } from '../assignments/assign-case.js';
import { Assignment } from '../database/assignment.entity.js';
import { CaseFile } from '../database/case-file.entity.js';
import { Unit } from '../database/unit.entity.js';

const PREVIOUS_STAGE = { REVIEW: 'HANDLING', RE_REVIEW: 'REVIEW' } as const;

/**
 * 复查 goes to the superior of the unit that concluded the case, 复核 to the superior of the unit
 * that reviewed it (信访工作条例 第三十五、三十六条). Intake checked the request window.
 */
@Injectable()
export class ReviewRequestHandler {
  private readonly logger = new Logger(ReviewRequestHandler.name);

  @OnJob('review.requested')
  async onRequested(payload: JobPayload<'review.requested'>, tx: Tx) {
    const concluded = await tx.manager.findOne(Assignment, {
      where: {
        petitionId: payload.petitionId,
        stage: PREVIOUS_STAGE[payload.stage],
        role: 'LEAD',
        status: 'CONCLUDED',
      },
      order: { closedAt: 'DESC' },
    });
    const concludedBy =
      concluded && (await tx.manager.findOneBy(Unit, { code: concluded.unitCode }));
    const reviewer = concludedBy && (await this.reviewBody(tx, payload.petitionId, concludedBy));
    if (!concludedBy || !reviewer) {
      // No superior on record: a dispatcher must name the review body.
      this.logger.warn(
        `case ${payload.caseNo}: no superior unit for ${payload.stage}, sent to triage`,
      );
      await tx.manager.update(
        CaseFile,
        { petitionId: payload.petitionId },
        { stage: payload.stage, awaitingTriage: true, triageReason: 'NO_REVIEW_BODY' },
      );
      await tx.publish('petition.triage-required', {
        petitionId: payload.petitionId,
        caseNo: payload.caseNo,
      });
      return;
    }
    await tx.manager.update(CaseFile, { petitionId: payload.petitionId }, { stage: payload.stage });
    await assignCase(tx, {
      petitionId: payload.petitionId,
      caseNo: payload.caseNo,
      unit: reviewer,
      role: 'LEAD',
      stage: payload.stage,
      rule: payload.stage === 'REVIEW' ? 'REVIEW_BY_SUPERIOR' : 'RE_REVIEW_BY_SUPERIOR',
      explanation: { concludedBy: concludedBy.code, requestedAt: payload.requestedAt },
    });
  }

  /**
   * The superior of the unit that concluded; when the petition accuses that superior (or a unit
   * above the one that concluded), the nearest superior it does not accuse.
   */
  private async reviewBody(tx: Tx, petitionId: string, concludedBy: Unit): Promise<Unit | null> {
    let candidate = concludedBy;
    for (;;) {
      const superior =
        candidate.superiorCode &&
        (await tx.manager.findOneBy(Unit, { code: candidate.superiorCode, active: true }));
      if (!superior) return null;
      if (!(await barringUnitFor(tx, petitionId, superior.code))) return superior;
      candidate = superior;
    }
  }
}
