import { Injectable } from '@nestjs/common';
import { Transactions, validationFailed, type StaffUser } from '#common';
import { assignCase } from '../assignments/assign-case.js';
import { AssignmentRepository, OPEN_STATUSES } from '../database/assignment.repository.js';
import { CaseFileRepository } from '../database/case-file.repository.js';
import { PublishedViewsRepository } from '../database/published-views.repository.js';
import { awaitTriage } from '../staff/awaiting-staff.js';
import { CaseRepliesRepository } from './case-replies.repository.js';
import { DECLINE_GROUNDS, returnRefusal } from './case-workflow.js';
import { leaderlessMajorCaseRefusal } from './responsible-leader-rule.js';
import type { CoHandlers, Conclusion, Decline, ReturnToDispatcher } from './workbench.schemas.js';
import { activeUnit, announceStep, conflict, lockAssignmentFor } from './workbench-steps.js';

/** A unit handles its case: accepts or declines it, returns it, takes co-handlers, concludes. */
@Injectable()
export class CaseHandlingService {
  constructor(private readonly transactions: Transactions) {}

  accept(caseNo: string, staff: StaffUser) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('ACCEPT', tx, caseNo, staff);
      const now = new Date();
      await new AssignmentRepository(tx.manager).accept(assignment.id, now);
      await announceStep(tx, 'case.accepted', assignment, now, true, {});
      return { caseNo, status: 'ACCEPTED' as const, acceptedAt: now };
    });
  }

  decline(caseNo: string, staff: StaffUser, body: Decline) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('DECLINE', tx, caseNo, staff);
      const now = new Date();
      await new AssignmentRepository(tx.manager).close(assignment.id, 'DECLINED', now);
      await new CaseRepliesRepository(tx.manager).addDecline({
        assignmentId: assignment.id,
        petitionId: assignment.petitionId,
        stage: assignment.stage,
        legalBasis: DECLINE_GROUNDS[body.ground],
        text: body.explanation,
        by: staff.id,
        at: now,
      });
      await announceStep(tx, 'case.declined', assignment, now, true, { ground: body.ground });
      return { caseNo, status: 'DECLINED' as const };
    });
  }

  /** Not ours (退回): back to the petition bureau's dispatchers, at most MAX_RETURNS times. */
  returnToDispatcher(caseNo: string, staff: StaffUser, body: ReturnToDispatcher) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('RETURN', tx, caseNo, staff);
      const caseFiles = new CaseFileRepository(tx.manager);
      const file = await caseFiles.lock(assignment.petitionId);
      const refusal = returnRefusal(file.returns);
      if (refusal) throw conflict(refusal);
      const now = new Date();
      await new AssignmentRepository(tx.manager).close(assignment.id, 'RETURNED', now);
      await new CaseRepliesRepository(tx.manager).addReturn({
        assignmentId: assignment.id,
        petitionId: assignment.petitionId,
        text: body.reason,
        by: staff.id,
        at: now,
      });
      await caseFiles.update(assignment.petitionId, {
        returns: file.returns + 1,
        awaitingTriage: true,
        triageReason: 'RETURNED_BY_UNIT',
      });
      await announceStep(tx, 'case.returned', assignment, now, false, {
        reason: body.reason,
        returns: file.returns + 1,
      });
      await awaitTriage(tx, assignment.petitionId, caseNo);
      return { caseNo, status: 'RETURNED' as const, returns: file.returns + 1 };
    });
  }

  addCoHandlers(caseNo: string, staff: StaffUser, body: CoHandlers) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('ADD_CO_HANDLERS', tx, caseNo, staff);
      const existing = await new AssignmentRepository(tx.manager).ofStage(
        assignment.petitionId,
        assignment.stage,
      );
      const taken = new Set(
        existing.filter((a) => OPEN_STATUSES.includes(a.status)).map((a) => a.unitCode),
      );
      const added: string[] = [];
      for (const [index, code] of [...new Set(body.unitCodes)].entries()) {
        if (taken.has(code)) continue;
        const unit = await activeUnit(tx, code, `unitCodes[${index}]`);
        await assignCase(tx, {
          petitionId: assignment.petitionId,
          caseNo,
          unit,
          role: 'CO_HANDLER',
          stage: assignment.stage,
          rule: 'ADDED_BY_LEAD_UNIT',
          explanation: { leadUnitCode: assignment.unitCode },
        });
        added.push(code);
      }
      return { caseNo, added };
    });
  }

  /** 办结: the written reply (答复意见书) closes the unit's part of this stage. */
  conclude(caseNo: string, staff: StaffUser, body: Conclusion) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('CONCLUDE', tx, caseNo, staff);
      const caseFiles = new CaseFileRepository(tx.manager);
      const file = await caseFiles.lock(assignment.petitionId);
      const leaderless = leaderlessMajorCaseRefusal(file);
      if (leaderless) throw conflict(leaderless);
      const reportBackDueOn =
        assignment.stage === 'HANDLING'
          ? await new PublishedViewsRepository(tx.manager).reportBackDueOn(assignment.petitionId)
          : null;
      if (reportBackDueOn && !body.completionReport) {
        throw validationFailed([
          {
            field: 'completionReport',
            code: 'COMPLETION_REPORT_REQUIRED',
            messages: {
              zh: `本件为上级交办件，须在${reportBackDueOn}前报送办结报告`,
              en: `This case was assigned from above: a completion report is due by ${reportBackDueOn}`,
            },
          },
        ]);
      }
      const now = new Date();
      const assignments = new AssignmentRepository(tx.manager);
      const replies = new CaseRepliesRepository(tx.manager);
      const written = { assignmentId: assignment.id, petitionId: assignment.petitionId };
      await assignments.close(assignment.id, 'CONCLUDED', now);
      if (reportBackDueOn && body.completionReport) {
        await replies.addCompletionReport({
          ...written,
          text: body.completionReport,
          by: staff.id,
          at: now,
        });
      }
      await assignments.concludeOpenCoHandlers(assignment.petitionId, assignment.stage, now);
      await replies.addReply({
        ...written,
        stage: assignment.stage,
        text: body.reply,
        by: staff.id,
        at: now,
      });
      if (assignment.stage === 'RE_REVIEW') {
        await caseFiles.update(assignment.petitionId, { final: true });
      }
      await announceStep(tx, 'case.concluded', assignment, now, true, {
        completionReport: Boolean(reportBackDueOn),
      });
      return { caseNo, status: 'CONCLUDED' as const, stage: assignment.stage };
    });
  }
}
