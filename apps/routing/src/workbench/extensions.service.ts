import { Injectable } from '@nestjs/common';
import { notFound, Transactions, type StaffUser } from '#common';
import { awaitStaff } from '../staff/awaiting-staff.js';
import { ExtensionRequestsRepository } from './extension-requests.repository.js';
import type { Decision, ExtensionRequest } from './workbench.schemas.js';
import { fileRequest, lockAssignmentFor, stepOf } from './workbench-steps.js';

/** 延期: a unit asks once for more time, and its leader approves or rejects. */
@Injectable()
export class ExtensionsService {
  constructor(private readonly transactions: Transactions) {}

  request(caseNo: string, staff: StaffUser, body: ExtensionRequest) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('EXTEND', tx, caseNo, staff);
      const extensions = new ExtensionRequestsRepository(tx.manager);
      const id = await fileRequest(tx, assignment, staff, {
        reason: body.reason,
        add: (pending) => extensions.addPending({ ...pending, days: body.days }),
        refusal: {
          code: 'EXTENSION_ALREADY_USED',
          zh: '办理期限只能延长一次，本件已申请过延期',
          en: 'The time limit can be extended once only, and this case already asked',
        },
        note: 'case.extension-requested',
        data: (extensionId) => ({ extensionId, days: body.days }),
      });
      await awaitStaff(tx, {
        petitionId: assignment.petitionId,
        caseNo,
        unitCode: assignment.unitCode,
        step: 'EXTENSION_DECISION',
      });
      return { extensionId: id, status: 'PENDING' as const };
    });
  }

  /** The unit leader approves or rejects the unit's extension request. */
  decide(caseNo: string, staff: StaffUser, decision: Decision) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('EXTEND', tx, caseNo, staff);
      const extensions = new ExtensionRequestsRepository(tx.manager);
      const request = await extensions.lockPending(assignment.id);
      if (!request) throw notFound({ zh: '待审批的延期申请', en: 'Pending extension request' });
      await extensions.decide(request.id, decision.approve ? 'APPROVED' : 'REJECTED', staff.id);
      if (!decision.approve) {
        await tx.recordStaffNote(assignment.petitionId, 'case.extension-rejected', {
          extensionId: request.id,
          note: decision.note ?? null,
        });
        await awaitStaff(tx, {
          petitionId: assignment.petitionId,
          caseNo,
          unitCode: assignment.unitCode,
          step: 'EXTENSION_REJECTED',
        });
        return { extensionId: request.id, status: 'REJECTED' as const };
      }
      const now = new Date();
      await tx.publish('case.extended', { ...stepOf(assignment, now), days: request.days });
      // The reason is owed to the petitioner (延期理由告知).
      await tx.recordTimeline({
        petitionId: assignment.petitionId,
        type: 'case.extended',
        occurredAt: now,
        visibleToPetitioner: true,
        data: { days: request.days, reason: request.reason, unitCode: assignment.unitCode },
      });
      await awaitStaff(tx, {
        petitionId: assignment.petitionId,
        caseNo,
        unitCode: assignment.unitCode,
        step: 'EXTENSION_APPROVED',
      });
      return { extensionId: request.id, status: 'APPROVED' as const, days: request.days };
    });
  }
}
