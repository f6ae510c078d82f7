import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  ApiError,
  chinaDateOf,
  endOfChinaDay,
  notFound,
  Transactions,
  type DeadlineKind,
  type StaffUser,
  type Tx,
  bureauCovers,
} from '#common';
import { assertNotAccused } from '../accused-parties/accused-unit.guard.js';
import { countyOf, prefectureOf } from '../assignments/routing-policy.js';
import { Unit } from '../database/unit.entity.js';

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

/**
 * The petition bureau that supervises a unit: the bureau of the unit's county, or, for that
 * bureau itself, the bureau above it.
 */
export async function supervisingBureau(tx: Tx, unit: Unit): Promise<Unit | null> {
  if (unit.kind === 'PETITION_BUREAU') {
    return unit.superiorCode ? tx.manager.findOneBy(Unit, { code: unit.superiorCode }) : null;
  }
  for (const division of [countyOf(unit.divisionCode), prefectureOf(unit.divisionCode)]) {
    const bureau = await tx.manager.findOneBy(Unit, {
      divisionCode: division,
      kind: 'PETITION_BUREAU',
    });
    if (bureau) return bureau;
  }
  return null;
}

/** Issues supervision notices (督办) and takes the units' answers. */
@Injectable()
export class SupervisionService {
  constructor(private readonly transactions: Transactions) {}

  /** Issues a notice in the caller's transaction; false when this deadline already has one. */
  async issue(tx: Tx, notice: NewSupervision): Promise<string | null> {
    await assertNotAccused(tx, notice.petitionId, notice.unitCode);
    const id = randomUUID();
    const issuedAt = new Date();
    // The end of the last day, as every time limit (notify keeps the clock).
    const answerDueAt = endOfChinaDay(addCalendarDays(chinaDateOf(issuedAt), ANSWER_DAYS));
    const inserted = await tx.manager.query<unknown[]>(
      `INSERT INTO routing.supervision
         (id, petition_id, case_no, unit_code, supervising_unit_code, source, deadline_id,
          deadline_kind, instructions, issued_by, issued_at, answer_due_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'OPEN')
       ON CONFLICT (deadline_id) DO NOTHING RETURNING id`,
      [
        id,
        notice.petitionId,
        notice.caseNo,
        notice.unitCode,
        notice.supervisingUnitCode,
        notice.source,
        notice.deadline?.id ?? null,
        notice.deadline?.kind ?? null,
        notice.instructions,
        notice.issuedBy ?? null,
        issuedAt,
        answerDueAt,
      ],
    );
    if (inserted.length === 0) return null;
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
      const [lead] = await tx.manager.query<{ petition_id: string; unit_code: string }[]>(
        `SELECT petition_id, unit_code FROM routing.assignment
         WHERE case_no = $1 AND role = 'LEAD' AND status IN ('ASSIGNED', 'ACCEPTED')`,
        [caseNo],
      );
      const unit = lead && (await tx.manager.findOneBy(Unit, { code: lead.unit_code }));
      const bureau = await tx.manager.findOneBy(Unit, { code: staff.unitCode });
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

  /** The supervised unit answers in writing (督办回复), once. */
  answer(staff: StaffUser, caseNo: string, supervisionId: string, answer: string) {
    return this.transactions.run(async (tx) => {
      const [notice] = await tx.manager.query<{ petition_id: string; status: string }[]>(
        `SELECT petition_id, status FROM routing.supervision
         WHERE id = $1 AND case_no = $2 AND unit_code = $3 FOR UPDATE`,
        [supervisionId, caseNo, staff.unitCode],
      );
      if (!notice) throw notFound({ zh: '督办单', en: 'Supervision notice' });
      if (notice.status !== 'OPEN') {
        throw new ApiError(HttpStatus.CONFLICT, 'ALREADY_ANSWERED', {
          zh: '该督办单已经回复',
          en: 'This supervision notice was already answered',
        });
      }
      const answeredAt = new Date();
      await tx.manager.query(
        `UPDATE routing.supervision SET status = 'ANSWERED', answer = $2, answered_by = $3,
           answered_at = $4 WHERE id = $1`,
        [supervisionId, answer, staff.id, answeredAt],
      );
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
      return { supervisionId, status: 'ANSWERED' as const };
    });
  }
}
