import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, Transactions, validationFailed, type StaffUser, type Tx } from '#common';
import type { Assignment } from '../database/assignment.entity.js';
import { AssignmentRepository, OPEN_STATUSES } from '../database/assignment.repository.js';
import { CaseFileRepository } from '../database/case-file.repository.js';
import { StaffAccountRepository } from '../staff/staff-account.repository.js';
import { mayLeadCase } from './responsible-leader-rule.js';
import type { ResponsibleLeader } from './workbench.schemas.js';
import { lockUnitAssignment } from './workbench-steps.js';

/** A major case (重大信访事项) needs a leader of the unit who answers for it (包案领导). */
@Injectable()
export class ResponsibleLeaderService {
  constructor(private readonly transactions: Transactions) {}

  name(caseNo: string, staff: StaffUser, body: ResponsibleLeader) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockOpenLead(tx, caseNo, staff);
      const leader = await new StaffAccountRepository(tx.manager).activeById(body.staffId);
      if (!leader || !mayLeadCase(leader, staff.unitCode)) {
        throw validationFailed([
          {
            field: 'staffId',
            code: 'NOT_A_LEADER_OF_UNIT',
            messages: {
              zh: '包案领导须为本单位的在职领导',
              en: 'The responsible leader must be an active leader of your unit',
            },
          },
        ]);
      }
      await new CaseFileRepository(tx.manager).update(assignment.petitionId, {
        responsibleLeaderId: leader.id,
      });
      await tx.recordTimeline({
        petitionId: assignment.petitionId,
        type: 'case.responsible-leader-named',
        visibleToPetitioner: false,
        data: { staffId: leader.id, unitCode: staff.unitCode },
      });
      return { caseNo, responsibleLeaderId: leader.id };
    });
  }
}

/**
 * The unit's open lead assignment of the case, locked. The lead unit (主办) answers for the
 * case: a co-handler, or a unit whose part ended, is refused.
 */
async function lockOpenLead(tx: Tx, caseNo: string, staff: StaffUser): Promise<Assignment> {
  const assignment = await new AssignmentRepository(tx.manager).lockOpenLeadOfUnit(
    caseNo,
    staff.unitCode,
  );
  if (assignment && OPEN_STATUSES.includes(assignment.status)) return assignment;
  await lockUnitAssignment(tx, caseNo, staff); // 404 when the unit never had the case
  throw new ApiError(HttpStatus.FORBIDDEN, 'NOT_LEAD_UNIT', {
    zh: '只有主办单位的领导可以明确包案领导',
    en: "Only a leader of the case's lead unit may name its responsible leader",
  });
}
