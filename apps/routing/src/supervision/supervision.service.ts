import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  addCalendarDays,
  ApiError,
  chinaDateOf,
  endOfChinaDay,
  notFound,
  pageOffset,
  Transactions,
  type DeadlineKind,
  type StaffUser,
  type Tx,
  bureauCovers,
} from '#common';
import { assertNotAccused } from '../accused-parties/accused-unit.guard.js';
import { AssignmentRepository } from '../database/assignment.repository.js';
import { PublishedViewsRepository } from '../database/published-views.repository.js';
import { awaitStaff } from '../staff/awaiting-staff.js';
import type { Page } from '../triage/triage.schemas.js';
import { bureauTerritory } from '../units/petition-bureaus.js';
import { UnitRepository } from '../units/unit.repository.js';
import { deadlineState, nearDueUntil } from '../workbench/case-workflow.js';
import { SupervisionRepository } from './supervision.repository.js';

/** Days a unit has to answer a supervision notice (督办回复). */
export const ANSWER_DAYS = 5;

export interface NewSupervision {
  petitionId: string;
  caseNo: string;
  unitCode: string;
  supervisingUnitCode: string;
  source: 'OVERDUE' | 'SUPERVISOR';
  instructions: string;
  deadline?: { id: string; kind: DeadlineKind };
  issuedBy?: string;
}

/** Issues supervision notices (督办) and takes the units' answers. */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
  ) {}

  /** Issues a notice in the caller's transaction; false when this deadline already has one. */
  async issue(tx: Tx, notice: NewSupervision): Promise<string | null> {
    await assertNotAccused(tx, notice.petitionId, notice.unitCode);
    const id = randomUUID();
    const issuedAt = new Date();
    // The end of the last day, as every time limit (notify keeps the clock).
    const answerDueAt = endOfChinaDay(addCalendarDays(chinaDateOf(issuedAt), ANSWER_DAYS));
    const added = await new SupervisionRepository(tx.manager).add({
      id,
      petitionId: notice.petitionId,
      caseNo: notice.caseNo,
      unitCode: notice.unitCode,
      supervisingUnitCode: notice.supervisingUnitCode,
      source: notice.source,
      deadline: notice.deadline ?? null,
      instructions: notice.instructions,
      issuedBy: notice.issuedBy ?? null,
      issuedAt,
      answerDueAt,
    });
    if (!added) return null;
    await tx.publish('supervision.issued', {
      supervisionId: id,
      petitionId: notice.petitionId,
      caseNo: notice.caseNo,
      unitCode: notice.unitCode,
      answerDueAt: answerDueAt.toISOString(),
    });
    await tx.recordTimeline({
      petitionId: notice.petitionId,
      type: 'supervision.issued',
      occurredAt: issuedAt,
      visibleToPetitioner: false,
      data: {
        supervisionId: id,
        unitCode: notice.unitCode,
        supervisingUnitCode: notice.supervisingUnitCode,
        source: notice.source,
        deadlineKind: notice.deadline?.kind ?? null,
      },
    });
    return id;
  }

  /** A supervisor of the territory's petition bureau supervises the unit now leading a case. */
  bySupervisor(staff: StaffUser, caseNo: string, instructions: string) {
    return this.transactions.run(async (tx) => {
      const lead = await new AssignmentRepository(tx.manager).openLeadOfCase(caseNo);
      const units = new UnitRepository(tx.manager);
      const unit = lead && (await units.byCode(lead.unit_code));
      const bureau = await units.byCode(staff.unitCode);
      if (!lead || !bureau || !unit || !bureauCovers(bureau, unit.divisionCode))
        throw notFound({ zh: '办理中的信访件', en: 'Case in progress' });
      const id = await this.issue(tx, {
        petitionId: lead.petition_id,
        caseNo,
        unitCode: lead.unit_code,
        supervisingUnitCode: bureau.code,
        source: 'SUPERVISOR',
        instructions,
        issuedBy: staff.id,
      });
      return { supervisionId: id, unitCode: lead.unit_code };
    });
  }

  /**
   * The overdue and near-due deadlines (超期、临期) of the units in the supervisor's territory,
   * the longest overdue first: what a supervisor may put under supervision. No personal data.
   */
  async urgent(staff: StaffUser, { page, pageSize }: Page, now = new Date()) {
    const manager = this.dataSource.manager;
    const territory = await bureauTerritory(manager, staff);
    const rows = await new PublishedViewsRepository(manager).urgentDeadlines(
      territory,
      nearDueUntil(now),
      pageSize,
      pageOffset({ page, pageSize }),
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      page,
      pageSize,
      items: rows.map((row) => ({
        caseNo: row.case_no,
        title: row.title,
        unit: { code: row.unit_code, name: row.unit_name },
        kind: row.kind,
        dueAt: row.due_at,
        state: deadlineState(new Date(row.due_at), now),
        provisional: row.provisional,
        leads: row.leads,
        openSupervisions: row.open_supervisions,
      })),
    };
  }

  /**
   * A case's supervision notices with their answers: for the supervising bureau and the bureaus
   * over the supervised unit, and for the supervised unit itself. Others get 404 (no oracle).
   */
  async forCase(staff: StaffUser, caseNo: string) {
    const manager = this.dataSource.manager;
    const rows = await new SupervisionRepository(manager).ofCase(caseNo);
    const unit = await new UnitRepository(manager).byCode(staff.unitCode);
    const visible = rows.filter(
      (row) =>
        row.unit_code === staff.unitCode ||
        row.supervising_unit_code === staff.unitCode ||
        bureauCovers(unit, row.division_code),
    );
    if (visible.length === 0) throw notFound({ zh: '督办单', en: 'Supervision notice' });
    return {
      caseNo,
      items: visible.map((row) => ({
        id: row.id,
        unitCode: row.unit_code,
        supervisingUnitCode: row.supervising_unit_code,
        source: row.source,
        deadlineKind: row.deadline_kind,
        instructions: row.instructions,
        issuedAt: row.issued_at,
        answerDueAt: row.answer_due_at,
        status: row.status,
        answer: row.answer,
        answeredBy: row.answered_by,
        answeredAt: row.answered_at,
      })),
    };
  }

  /** The supervised unit answers in writing (督办回复), once. */
  answer(staff: StaffUser, caseNo: string, supervisionId: string, answer: string) {
    return this.transactions.run(async (tx) => {
      const notices = new SupervisionRepository(tx.manager);
      const notice = await notices.lockOfUnit(supervisionId, caseNo, staff.unitCode);
      if (!notice) throw notFound({ zh: '督办单', en: 'Supervision notice' });
      if (notice.status !== 'OPEN') {
        throw new ApiError(HttpStatus.CONFLICT, 'ALREADY_ANSWERED', {
          zh: '该督办单已经回复',
          en: 'This supervision notice was already answered',
        });
      }
      const answeredAt = new Date();
      await notices.answer(supervisionId, answer, staff.id, answeredAt);
      await tx.publish('supervision.answered', {
        supervisionId,
        petitionId: notice.petition_id,
        caseNo,
        unitCode: staff.unitCode,
        answeredAt: answeredAt.toISOString(),
      });
      await tx.recordTimeline({
        petitionId: notice.petition_id,
        type: 'supervision.answered',
        visibleToPetitioner: false,
        data: { supervisionId, unitCode: staff.unitCode },
      });
      await awaitStaff(tx, {
        petitionId: notice.petition_id,
        caseNo,
        unitCode: notice.supervising_unit_code,
        step: 'SUPERVISION_ANSWERED',
      });
      return { supervisionId, status: 'ANSWERED' as const };
    });
  }
}
