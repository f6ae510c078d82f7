import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError, bureauCovers, notFound, Transactions, type StaffUser, type Tx } from '#common';
import { assertNotAccused } from '../accused-parties/accused-unit.guard.js';
import { assignCase } from '../assignments/assign-case.js';
import type { Assignment } from '../database/assignment.entity.js';
import { AssignmentRepository } from '../database/assignment.repository.js';
import type { Unit } from '../database/unit.entity.js';
import { awaitStaff } from '../staff/awaiting-staff.js';
import { dispatchingBureau } from '../units/petition-bureaus.js';
import { UnitRepository } from '../units/unit.repository.js';
import { refusalOf } from './case-workflow.js';
import { TransferRequestsRepository } from './transfer-requests.repository.js';
import type { Decision, TransferRequest } from './workbench.schemas.js';
import {
  activeUnit,
  announceStep,
  conflict,
  fileRequest,
  lockAssignmentFor,
} from './workbench-steps.js';

const TRANSFER_REQUEST = { zh: '转办申请', en: 'Transfer request' };

/**
 * 转办: a unit asks to hand the case to another, and a dispatcher of the petition bureau over
 * the unit approves or rejects. A dispatcher of the petition bureau holding the case to forward
 * it (转送) moves it at once.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
  ) {}

  request(caseNo: string, staff: StaffUser, body: TransferRequest) {
    return this.transactions.run(async (tx) => {
      const assignment = await lockAssignmentFor('TRANSFER', tx, caseNo, staff);
      const target = await activeUnit(tx, body.unitCode, 'unitCode');
      if (target.code === assignment.unitCode) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'SAME_UNIT', {
          zh: '不能转办给本单位',
          en: 'A case cannot be transferred to the unit that holds it',
        });
      }
      await assertNotAccused(tx, assignment.petitionId, target.code);
      if (assignment.forwarding && staff.roles.includes('dispatcher')) {
        await moveCase(tx, assignment, target, 'FORWARDED', staff, body.reason);
        return { caseNo, status: 'TRANSFERRED' as const, unitCode: target.code };
      }
      const transfers = new TransferRequestsRepository(tx.manager);
      const id = await fileRequest(tx, assignment, staff, {
        reason: body.reason,
        add: (pending) => transfers.addPending({ ...pending, toUnitCode: target.code }),
        refusal: {
          code: 'TRANSFER_PENDING',
          zh: '本件已有待审批的转办申请',
          en: 'A transfer request for this case is already waiting for a dispatcher',
        },
        note: 'case.transfer-requested',
        data: (transferId) => ({
          transferId,
          from: assignment.unitCode,
          to: target.code,
          reason: body.reason,
        }),
      });
      const holder = await activeUnit(tx, assignment.unitCode, 'caseNo');
      const bureau = await dispatchingBureau(tx, holder.divisionCode);
      if (bureau) {
        await awaitStaff(tx, {
          petitionId: assignment.petitionId,
          caseNo,
          unitCode: bureau.code,
          step: 'TRANSFER_DECISION',
        });
      }
      return { transferId: id, status: 'PENDING' as const };
    });
  }

  decide(transferId: string, staff: StaffUser, decision: Decision) {
    return this.transactions.run(async (tx) => {
      const transfers = new TransferRequestsRepository(tx.manager);
      const transfer = await transfers.lock(transferId);
      if (!transfer) throw notFound(TRANSFER_REQUEST);
      const assignment = await new AssignmentRepository(tx.manager).lock(transfer.assignment_id);
      if (!assignment) throw notFound(TRANSFER_REQUEST);
      await checkDispatcherScope(tx, staff, assignment.unitCode);
      if (transfer.status !== 'PENDING') {
        throw conflict({
          code: 'ALREADY_DECIDED',
          zh: '该转办申请已经处理',
          en: `This transfer request was already ${transfer.status.toLowerCase()}`,
        });
      }
      await transfers.decide(transferId, decision.approve ? 'APPROVED' : 'REJECTED', staff.id);
      if (!decision.approve) {
        await tx.recordStaffNote(assignment.petitionId, 'case.transfer-rejected', {
          transferId,
          note: decision.note ?? null,
        });
        return { transferId, status: 'REJECTED' as const };
      }
      const refusal = refusalOf('TRANSFER', assignment);
      if (refusal) throw conflict(refusal);
      const target = await activeUnit(tx, transfer.to_unit_code, 'unitCode');
      await moveCase(tx, assignment, target, 'TRANSFER_APPROVED', staff, transfer.reason);
      return { transferId, status: 'APPROVED' as const };
    });
  }

  /**
   * Transfer requests waiting for a dispatcher: those of units in the territory of the caller's
   * petition bureau (its county, or the whole prefecture for the prefecture's bureau).
   */
  async pending(staff: StaffUser) {
    const manager = this.dataSource.manager;
    const bureau = await new UnitRepository(manager).byCode(staff.unitCode);
    if (bureau?.kind !== 'PETITION_BUREAU') return { items: [] };
    const rows = await new TransferRequestsRepository(manager).pending();
    return {
      items: rows
        .filter((row) => bureauCovers(bureau, row.from_division))
        .map((row) => ({
          id: row.id,
          caseNo: row.case_no,
          fromUnitCode: row.from_unit,
          /** The unit it would go to, named as in the transfer request. */
          unitCode: row.to_unit,
          reason: row.reason,
          requestedAt: row.requested_at,
        })),
    };
  }
}

/** Dispatchers of the petition bureau of the case's county or prefecture decide transfers. */
async function checkDispatcherScope(tx: Tx, staff: StaffUser, holderCode: string) {
  const units = new UnitRepository(tx.manager);
  const [bureau, holder] = await Promise.all([
    units.byCode(staff.unitCode),
    units.byCode(holderCode),
  ]);
  if (!holder || !bureauCovers(bureau, holder.divisionCode)) throw notFound(TRANSFER_REQUEST);
}

async function moveCase(
  tx: Tx,
  from: Assignment,
  to: Unit,
  rule: string,
  staff: StaffUser,
  reason: string,
) {
  const now = new Date();
  await new AssignmentRepository(tx.manager).close(from.id, 'TRANSFERRED', now);
  await announceStep(tx, 'case.transferred', from, now, false, { to: to.code, reason });
  await assignCase(tx, {
    petitionId: from.petitionId,
    caseNo: from.caseNo,
    unit: to,
    role: 'LEAD',
    stage: from.stage,
    rule,
    explanation: { fromUnitCode: from.unitCode, decidedBy: staff.id },
  });
}
