import { Injectable, Logger } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { barringUnitFor } from '../accused-parties/accused-unit.guard.js';
import { assignCase } from '../assignments/assign-case.js';
import { AssignmentRepository } from '../database/assignment.repository.js';
import { CaseFileRepository } from '../database/case-file.repository.js';
import type { Unit } from '../database/unit.entity.js';
import { awaitTriage } from '../staff/awaiting-staff.js';
import { UnitRepository } from '../units/unit.repository.js';

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
    const concluded = await new AssignmentRepository(tx.manager).lastConcludedLead(
      payload.petitionId,
      PREVIOUS_STAGE[payload.stage],
    );
    const concludedBy =
      concluded && (await new UnitRepository(tx.manager).byCode(concluded.unitCode));
    const caseFiles = new CaseFileRepository(tx.manager);
    const reviewer = concludedBy && (await this.reviewBody(tx, payload.petitionId, concludedBy));
    if (!concludedBy || !reviewer) {
      // No superior on record: a dispatcher must name the review body.
      this.logger.warn(
        `case ${payload.caseNo}: no superior unit for ${payload.stage}, sent to triage`,
      );
      await caseFiles.update(payload.petitionId, {
        stage: payload.stage,
        awaitingTriage: true,
        triageReason: 'NO_REVIEW_BODY',
      });
      await tx.publish('petition.triage-required', {
        petitionId: payload.petitionId,
        caseNo: payload.caseNo,
      });
      await awaitTriage(tx, payload.petitionId, payload.caseNo);
      return;
    }
    await caseFiles.update(payload.petitionId, { stage: payload.stage });
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
    const units = new UnitRepository(tx.manager);
    let candidate = concludedBy;
    for (;;) {
      const superior = candidate.superiorCode && (await units.activeByCode(candidate.superiorCode));
      if (!superior) return null;
      if (!(await barringUnitFor(tx, petitionId, superior.code))) return superior;
      candidate = superior;
    }
  }
}
