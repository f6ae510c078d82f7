import type { DeadlineKind } from '#common';
import type { EntityManager } from 'typeorm';

export interface SupervisionRow {
  id: string;
  unit_code: string;
  supervising_unit_code: string;
  source: string;
  deadline_kind: string | null;
  instructions: string;
  issued_at: Date;
  answer_due_at: Date;
  status: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  /** The supervised unit's division. */
  division_code: string;
}

/** routing.supervision: supervision notices (督办) and their answers. */
export class SupervisionRepository {
  constructor(private readonly manager: EntityManager) {}

  /** A new open notice; false when its deadline already has one. */
  async add(notice: {
    id: string;
    petitionId: string;
    caseNo: string;
    unitCode: string;
    supervisingUnitCode: string;
    source: 'OVERDUE' | 'SUPERVISOR';
    deadline: { id: string; kind: DeadlineKind } | null;
    instructions: string;
    issuedBy: string | null;
    issuedAt: Date;
    answerDueAt: Date;
  }): Promise<boolean> {
    const inserted = await this.manager.query<unknown[]>(
      `INSERT INTO routing.supervision
         (id, petition_id, case_no, unit_code, supervising_unit_code, source, deadline_id,
          deadline_kind, instructions, issued_by, issued_at, answer_due_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'OPEN')
       ON CONFLICT (deadline_id) DO NOTHING RETURNING id`,
      [
        notice.id,
        notice.petitionId,
        notice.caseNo,
        notice.unitCode,
        notice.supervisingUnitCode,
        notice.source,
        notice.deadline?.id ?? null,
        notice.deadline?.kind ?? null,
        notice.instructions,
        notice.issuedBy,
        notice.issuedAt,
        notice.answerDueAt,
      ],
    );
    return inserted.length > 0;
  }

  /** The case's notices, oldest first, with the supervised unit's division. */
  ofCase(caseNo: string): Promise<SupervisionRow[]> {
    return this.manager.query<SupervisionRow[]>(
      `SELECT s.*, u.division_code FROM routing.supervision s
         JOIN routing.unit u ON u.code = s.unit_code
        WHERE s.case_no = $1 ORDER BY s.issued_at`,
      [caseNo],
    );
  }

  /** A notice to the unit on the case, locked. */
  async lockOfUnit(
    id: string,
    caseNo: string,
    unitCode: string,
  ): Promise<{ petition_id: string; status: string; supervising_unit_code: string } | undefined> {
    const [notice] = await this.manager.query<
      { petition_id: string; status: string; supervising_unit_code: string }[]
    >(
      `SELECT petition_id, status, supervising_unit_code FROM routing.supervision
       WHERE id = $1 AND case_no = $2 AND unit_code = $3 FOR UPDATE`,
      [id, caseNo, unitCode],
    );
    return notice;
  }

  async answer(id: string, answer: string, by: string, at: Date): Promise<void> {
    await this.manager.query(
      `UPDATE routing.supervision SET status = 'ANSWERED', answer = $2, answered_by = $3,
         answered_at = $4 WHERE id = $1`,
      [id, answer, by, at],
    );
  }
}
