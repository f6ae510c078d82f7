import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import {
  ApiError,
  notFound,
  Transactions,
  validationFailed,
  type JobName,
  type StaffUser,
  type Tx,
  bureauCovers,
} from '#common';
import { assertNotAccused } from '../accused-parties/accused-unit.guard.js';
import { assignCase } from '../assignments/assign-case.js';
import { Assignment } from '../database/assignment.entity.js';
import { CaseFile } from '../database/case-file.entity.js';
import { StaffAccount } from '../database/staff-account.entity.js';
import { Unit } from '../database/unit.entity.js';

import {
  DECLINE_GROUNDS,
  MAX_RETURNS,
  refusalOf,
  type Refusal,
  type WorkbenchAction,
} from './case-workflow.js';
import type {
  CoHandlers,
  Conclusion,
  Decision,
  Decline,
  ExtensionRequest,
  ResponsibleLeader,
  ReturnToDispatcher,
  TransferRequest,
} from './workbench.schemas.js';

const CASE = { zh: '本单位的信访件', en: 'Case of your unit' };
const OPEN: readonly string[] = ['ASSIGNED', 'ACCEPTED'];

type StepJob = Extract<
  JobName,
  'case.accepted' | 'case.declined' | 'case.returned' | 'case.transferred' | 'case.concluded'
>;

const conflict = (refusal: Refusal) =>
  new ApiError(HttpStatus.CONFLICT, refusal.code, { zh: refusal.zh, en: refusal.en });

/**
 * The unit workbench's actions. Each runs in one transaction that locks the unit's assignment of
 * the case, checks the action against its current state, records the step on the timeline and
 * announces it through the outbox: two handlers acting at once are serialised by the lock, and
 * the second sees the first's result.
 */
@Injectable()
export class WorkbenchService {
  constructor(private readonly transactions: Transactions) {}

  accept(caseNo: string, staff: StaffUser) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('ACCEPT', tx, caseNo, staff);
      const now = new Date();
      await tx.manager.update(
        Assignment,
        { id: assignment.id },
        { status: 'ACCEPTED', acceptedAt: now },
      );
      await this.announce(tx, 'case.accepted', assignment, now, true, {});
      return { caseNo, status: 'ACCEPTED' as const, acceptedAt: now };
    });
  }

  decline(caseNo: string, staff: StaffUser, body: Decline) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('DECLINE', tx, caseNo, staff);
      const now = new Date();
      await this.close(tx, assignment, 'DECLINED', now);
      await tx.manager.query(
        `INSERT INTO routing.case_reply
           (assignment_id, petition_id, stage, kind, legal_basis, text, given_by, given_at)
         VALUES ($1, $2, $3, 'DECLINE', $4, $5, $6, $7)`,
        [
          assignment.id,
          assignment.petitionId,
          assignment.stage,
          DECLINE_GROUNDS[body.ground],
          body.explanation,
          staff.id,
          now,
        ],
      );
      await this.announce(tx, 'case.declined', assignment, now, true, { ground: body.ground });
      return { caseNo, status: 'DECLINED' as const };
    });
  }

  /** Not ours (退回): back to the petition bureau's dispatchers, at most MAX_RETURNS times. */
  returnToDispatcher(caseNo: string, staff: StaffUser, body: ReturnToDispatcher) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('RETURN', tx, caseNo, staff);
      const file = await this.lockCaseFile(tx, assignment.petitionId);
      if (file.returns >= MAX_RETURNS) {
        throw conflict({
          code: 'RETURN_LIMIT_REACHED',
          zh: `本件已被退回${MAX_RETURNS}次，信访部门的交办决定具有约束力，不得再退回`,
          en: `This case was already returned ${MAX_RETURNS} times; the petition bureau's decision binds`,
        });
      }
      const now = new Date();
      await this.close(tx, assignment, 'RETURNED', now);
      await tx.manager.query(
        `INSERT INTO routing.case_return (id, assignment_id, petition_id, reason, returned_by, returned_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), assignment.id, assignment.petitionId, body.reason, staff.id, now],
      );
      await tx.manager.update(
        CaseFile,
        { petitionId: assignment.petitionId },
        { returns: file.returns + 1, awaitingTriage: true, triageReason: 'RETURNED_BY_UNIT' },
      );
      await this.announce(tx, 'case.returned', assignment, now, false, {
        reason: body.reason,
        returns: file.returns + 1,
      });
      return { caseNo, status: 'RETURNED' as const, returns: file.returns + 1 };
    });
  }

  /**
   * 转办: a unit asks to hand the case to another, and a dispatcher approves. A dispatcher of the
   * petition bureau holding the case to forward it (转送) moves it at once.
   */
  requestTransfer(caseNo: string, staff: StaffUser, body: TransferRequest) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('TRANSFER', tx, caseNo, staff);
      const target = await this.unit(tx, body.toUnitCode, 'toUnitCode');
      if (target.code === assignment.unitCode) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'SAME_UNIT', {
          zh: '不能转办给本单位',
          en: 'A case cannot be transferred to the unit that holds it',
        });
      }
      await assertNotAccused(tx, assignment.petitionId, target.code);
      if (assignment.forwarding && staff.roles.includes('dispatcher')) {
        await this.moveCase(tx, assignment, target, 'FORWARDED', staff, body.reason);
        return { caseNo, status: 'TRANSFERRED' as const, toUnitCode: target.code };
      }
      const id = randomUUID();
      const [pending] = await tx.manager.query<unknown[]>(
        `INSERT INTO routing.transfer_request
           (id, assignment_id, to_unit_code, reason, requested_by, requested_at, status)
         VALUES ($1, $2, $3, $4, $5, now(), 'PENDING')
         ON CONFLICT (assignment_id) WHERE status = 'PENDING' DO NOTHING RETURNING id`,
        [id, assignment.id, target.code, body.reason, staff.id],
      );
      if (!pending) {
        throw conflict({
          code: 'TRANSFER_PENDING',
          zh: '本件已有待审批的转办申请',
          en: 'A transfer request for this case is already waiting for a dispatcher',
        });
      }
      await tx.recordTimeline({
        petitionId: assignment.petitionId,
        type: 'case.transfer-requested',
        visibleToPetitioner: false,
        data: { transferId: id, from: assignment.unitCode, to: target.code, reason: body.reason },
      });
      return { transferId: id, status: 'PENDING' as const };
    });
  }

  decideTransfer(transferId: string, staff: StaffUser, decision: Decision) {
    return this.transactions.run(async (tx) => {
      const [transfer] = await tx.manager.query<
        { assignment_id: string; to_unit_code: string; reason: string; status: string }[]
      >(`SELECT * FROM routing.transfer_request WHERE id = $1 FOR UPDATE`, [transferId]);
      if (!transfer) throw notFound({ zh: '转办申请', en: 'Transfer request' });
      const assignment = await tx.manager.findOne(Assignment, {
        where: { id: transfer.assignment_id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!assignment) throw notFound({ zh: '转办申请', en: 'Transfer request' });
      await this.checkDispatcherScope(tx, staff, assignment.unitCode);
      if (transfer.status !== 'PENDING') {
        throw conflict({
          code: 'ALREADY_DECIDED',
          zh: '该转办申请已经处理',
          en: `This transfer request was already ${transfer.status.toLowerCase()}`,
        });
      }
      await tx.manager.query(
        `UPDATE routing.transfer_request SET status = $2, decided_by = $3, decided_at = now()
         WHERE id = $1`,
        [transferId, decision.approve ? 'APPROVED' : 'REJECTED', staff.id],
      );
      if (!decision.approve) {
        await tx.recordTimeline({
          petitionId: assignment.petitionId,
          type: 'case.transfer-rejected',
          visibleToPetitioner: false,
          data: { transferId, note: decision.note ?? null },
        });
        return { transferId, status: 'REJECTED' as const };
      }
      const refusal = refusalOf('TRANSFER', assignment);
      if (refusal) throw conflict(refusal);
      const target = await this.unit(tx, transfer.to_unit_code, 'toUnitCode');
      await this.moveCase(tx, assignment, target, 'TRANSFER_APPROVED', staff, transfer.reason);
      return { transferId, status: 'APPROVED' as const };
    });
  }

  requestExtension(caseNo: string, staff: StaffUser, body: ExtensionRequest) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('EXTEND', tx, caseNo, staff);
      const id = randomUUID();
      const [created] = await tx.manager.query<unknown[]>(
        `INSERT INTO routing.extension_request
           (id, assignment_id, days, reason, requested_by, requested_at, status)
         VALUES ($1, $2, $3, $4, $5, now(), 'PENDING')
         ON CONFLICT (assignment_id) DO NOTHING RETURNING id`,
        [id, assignment.id, body.days, body.reason, staff.id],
      );
      if (!created) {
        throw conflict({
          code: 'EXTENSION_ALREADY_USED',
          zh: '办理期限只能延长一次，本件已申请过延期',
          en: 'The time limit can be extended once only, and this case already asked',
        });
      }
      await tx.recordTimeline({
        petitionId: assignment.petitionId,
        type: 'case.extension-requested',
        visibleToPetitioner: false,
        data: { extensionId: id, days: body.days },
      });
      return { extensionId: id, status: 'PENDING' as const };
    });
  }

  /** The unit leader approves or rejects the unit's extension request. */
  decideExtension(caseNo: string, staff: StaffUser, decision: Decision) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('EXTEND', tx, caseNo, staff);
      const [request] = await tx.manager.query<{ id: string; days: number; reason: string }[]>(
        `SELECT id, days, reason FROM routing.extension_request
         WHERE assignment_id = $1 AND status = 'PENDING' FOR UPDATE`,
        [assignment.id],
      );
      if (!request) throw notFound({ zh: '待审批的延期申请', en: 'Pending extension request' });
      await tx.manager.query(
        `UPDATE routing.extension_request SET status = $2, decided_by = $3, decided_at = now()
         WHERE id = $1`,
        [request.id, decision.approve ? 'APPROVED' : 'REJECTED', staff.id],
      );
      if (!decision.approve) {
        await tx.recordTimeline({
          petitionId: assignment.petitionId,
          type: 'case.extension-rejected',
          visibleToPetitioner: false,
          data: { extensionId: request.id, note: decision.note ?? null },
        });
        return { extensionId: request.id, status: 'REJECTED' as const };
      }
      const now = new Date();
      await tx.publish('case.extended', { ...this.step(assignment, now), days: request.days });
      // The reason is owed to the petitioner (延期理由告知).
      await tx.recordTimeline({
        petitionId: assignment.petitionId,
        type: 'case.extended',
        occurredAt: now,
        visibleToPetitioner: true,
        data: { days: request.days, reason: request.reason, unitCode: assignment.unitCode },
      });
      return { extensionId: request.id, status: 'APPROVED' as const, days: request.days };
    });
  }

  addCoHandlers(caseNo: string, staff: StaffUser, body: CoHandlers) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('ADD_CO_HANDLERS', tx, caseNo, staff);
      const existing = await tx.manager.find(Assignment, {
        where: { petitionId: assignment.petitionId, stage: assignment.stage },
      });
      const taken = new Set(
        existing
          .filter((a) => a.status === 'ASSIGNED' || a.status === 'ACCEPTED')
          .map((a) => a.unitCode),
      );
      const added: string[] = [];
      for (const [index, code] of [...new Set(body.unitCodes)].entries()) {
        if (taken.has(code)) continue;
        const unit = await this.unit(tx, code, `unitCodes[${index}]`);
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

  /** A major case (重大信访事项) needs a leader of the unit who answers for it (包案领导). */
  nameResponsibleLeader(caseNo: string, staff: StaffUser, body: ResponsibleLeader) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockOpenLead(tx, caseNo, staff);
      const leader = await tx.manager.findOneBy(StaffAccount, { id: body.staffId, active: true });
      if (leader?.unitCode !== staff.unitCode || !leader.roles.includes('unit_leader')) {
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
      await tx.manager.update(
        CaseFile,
        { petitionId: assignment.petitionId },
        { responsibleLeaderId: leader.id },
      );
      await tx.recordTimeline({
        petitionId: assignment.petitionId,
        type: 'case.responsible-leader-named',
        visibleToPetitioner: false,
        data: { staffId: leader.id, unitCode: staff.unitCode },
      });
      return { caseNo, responsibleLeaderId: leader.id };
    });
  }

  /** 办结: the written reply (答复意见书) closes the unit's part of this stage. */
  conclude(caseNo: string, staff: StaffUser, body: Conclusion) {
    return this.transactions.run(async (tx) => {
      const assignment = await this.lockFor('CONCLUDE', tx, caseNo, staff);
      const file = await this.lockCaseFile(tx, assignment.petitionId);
      if (file.majorReasons.length > 0 && !file.responsibleLeaderId) {
        throw conflict({
          code: 'RESPONSIBLE_LEADER_REQUIRED',
          zh: '重大信访事项须先明确包案领导，方可办结',
          en: 'A major case needs a responsible leader before it can be concluded',
        });
      }
      const reportBackDueOn =
        assignment.stage === 'HANDLING'
          ? await this.reportBackDueOn(tx, assignment.petitionId)
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
      await this.close(tx, assignment, 'CONCLUDED', now);
      if (reportBackDueOn && body.completionReport) {
        await tx.manager.query(
          `INSERT INTO routing.completion_report
             (assignment_id, petition_id, text, submitted_by, submitted_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [assignment.id, assignment.petitionId, body.completionReport, staff.id, now],
        );
      }
      // The co-handlers' part of the stage ends with the lead's reply.
      await tx.manager.query(
        `UPDATE routing.assignment SET status = 'CONCLUDED', closed_at = $3
         WHERE petition_id = $1 AND stage = $2 AND role = 'CO_HANDLER'
           AND status IN ('ASSIGNED', 'ACCEPTED')`,
        [assignment.petitionId, assignment.stage, now],
      );
      await tx.manager.query(
        `INSERT INTO routing.case_reply
           (assignment_id, petition_id, stage, kind, text, given_by, given_at)
         VALUES ($1, $2, $3, 'REPLY', $4, $5, $6)`,
        [assignment.id, assignment.petitionId, assignment.stage, body.reply, staff.id, now],
      );
      if (assignment.stage === 'RE_REVIEW') {
        await tx.manager.update(CaseFile, { petitionId: assignment.petitionId }, { final: true });
      }
      await this.announce(tx, 'case.concluded', assignment, now, true, {
        completionReport: Boolean(reportBackDueOn),
      });
      return { caseNo, status: 'CONCLUDED' as const, stage: assignment.stage };
    });
  }

  /** The date a higher level set for the result of a case it assigned (交办), if any. */
  private async reportBackDueOn(tx: Tx, petitionId: string): Promise<string | null> {
    const [transfer] = await tx.manager.query<{ due: string | null }[]>(
      `SELECT report_back_due_on::text AS due FROM intake.petition_transfer_v1 WHERE petition_id = $1`,
      [petitionId],
    );
    return transfer?.due ?? null;
  }

  /** The unit's lead assignment of the case, locked, if the action is possible in its state. */
  private async lockFor(
    action: WorkbenchAction,
    tx: Tx,
    caseNo: string,
    staff: StaffUser,
  ): Promise<Assignment> {
    const assignment = await this.lockLead(tx, caseNo, staff);
    const refusal = refusalOf(action, assignment);
    if (refusal) throw conflict(refusal);
    return assignment;
  }

  private async lockLead(tx: Tx, caseNo: string, staff: StaffUser): Promise<Assignment> {
    // The latest assignment of the case to this unit: lead before co-handler.
    const [row] = await tx.manager.query<{ id: string }[]>(
      `SELECT id FROM routing.assignment WHERE case_no = $1 AND unit_code = $2
       ORDER BY assigned_at DESC, role = 'LEAD' DESC LIMIT 1`,
      [caseNo, staff.unitCode],
    );
    const assignment =
      row &&
      (await tx.manager.findOne(Assignment, {
        where: { id: row.id },
        lock: { mode: 'pessimistic_write' },
      }));
    if (!assignment) throw notFound(CASE);
    return assignment;
  }

  /**
   * The unit's open lead assignment of the case, locked. The lead unit (主办) answers for the
   * case: a co-handler, or a unit whose part ended, is refused.
   */
  private async lockOpenLead(tx: Tx, caseNo: string, staff: StaffUser): Promise<Assignment> {
    const [row] = await tx.manager.query<{ id: string }[]>(
      `SELECT id FROM routing.assignment
       WHERE case_no = $1 AND unit_code = $2 AND role = 'LEAD' AND status = ANY ($3)`,
      [caseNo, staff.unitCode, OPEN],
    );
    const assignment =
      row &&
      (await tx.manager.findOne(Assignment, {
        where: { id: row.id },
        lock: { mode: 'pessimistic_write' },
      }));
    if (assignment && OPEN.includes(assignment.status)) return assignment;
    await this.lockLead(tx, caseNo, staff); // 404 when the unit never had the case
    throw new ApiError(HttpStatus.FORBIDDEN, 'NOT_LEAD_UNIT', {
      zh: '只有主办单位的领导可以明确包案领导',
      en: "Only a leader of the case's lead unit may name its responsible leader",
    });
  }

  private async lockCaseFile(tx: Tx, petitionId: string): Promise<CaseFile> {
    const file = await tx.manager.findOne(CaseFile, {
      where: { petitionId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!file) throw new Error(`case file of petition ${petitionId} missing`);
    return file;
  }

  private async unit(tx: Tx, code: string, field: string): Promise<Unit> {
    // An inactive unit keeps its cases but is given no new ones.
    const unit = await tx.manager.findOneBy(Unit, { code, active: true });
    if (unit) return unit;
    throw validationFailed([
      {
        field,
        code: 'UNKNOWN_UNIT',
        messages: { zh: `单位 ${code} 不存在`, en: `There is no unit ${code}` },
      },
    ]);
  }

  /** Dispatchers of the petition bureau of the case's county or prefecture decide transfers. */
  private async checkDispatcherScope(tx: Tx, staff: StaffUser, holderCode: string) {
    const [bureau, holder] = await Promise.all([
      tx.manager.findOneBy(Unit, { code: staff.unitCode }),
      tx.manager.findOneBy(Unit, { code: holderCode }),
    ]);
    if (!holder || !bureauCovers(bureau, holder.divisionCode))
      throw notFound({ zh: '转办申请', en: 'Transfer request' });
  }

  private async moveCase(
    tx: Tx,
    from: Assignment,
    to: Unit,
    rule: string,
    staff: StaffUser,
    reason: string,
  ) {
    const now = new Date();
    await this.close(tx, from, 'TRANSFERRED', now);
    await this.announce(tx, 'case.transferred', from, now, false, { to: to.code, reason });
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

  private async close(
    tx: Tx,
    assignment: Assignment,
    status: 'DECLINED' | 'RETURNED' | 'TRANSFERRED' | 'CONCLUDED',
    at: Date,
  ) {
    await tx.manager.update(Assignment, { id: assignment.id }, { status, closedAt: at });
  }

  private step(assignment: Assignment, at: Date) {
    return {
      petitionId: assignment.petitionId,
      caseNo: assignment.caseNo,
      assignmentId: assignment.id,
      unitCode: assignment.unitCode,
      stage: assignment.stage,
      occurredAt: at.toISOString(),
    };
  }

  private async announce(
    tx: Tx,
    job: StepJob,
    assignment: Assignment,
    at: Date,
    visibleToPetitioner: boolean,
    data: Record<string, unknown>,
  ) {
    await tx.publish(job, this.step(assignment, at));
    await tx.recordTimeline({
      petitionId: assignment.petitionId,
      type: job,
      occurredAt: at,
      visibleToPetitioner,
      data: { unitCode: assignment.unitCode, stage: assignment.stage, ...data },
    });
  }
}
