import type { CaseStage } from '#common';
import { In, type EntityManager } from 'typeorm';
import { Assignment, type AssignmentStatus } from './assignment.entity.js';

/** The statuses in which a unit still has its part of a stage. */
export const OPEN_STATUSES: readonly AssignmentStatus[] = ['ASSIGNED', 'ACCEPTED'];

/** routing.assignment: which unit holds which part of a case, stage by stage. */
export class AssignmentRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The unit's latest assignment of the case, lead before co-handler, locked. */
  async lockLatestOfUnit(caseNo: string, unitCode: string): Promise<Assignment | null> {
    const [row] = await this.manager.query<{ id: string }[]>(
      `SELECT id FROM routing.assignment WHERE case_no = $1 AND unit_code = $2
       ORDER BY assigned_at DESC, role = 'LEAD' DESC LIMIT 1`,
      [caseNo, unitCode],
    );
    return row ? this.lock(row.id) : null;
  }

  /** The unit's open lead assignment of the case, locked; its status may have moved meanwhile. */
  async lockOpenLeadOfUnit(caseNo: string, unitCode: string): Promise<Assignment | null> {
    const [row] = await this.manager.query<{ id: string }[]>(
      `SELECT id FROM routing.assignment
       WHERE case_no = $1 AND unit_code = $2 AND role = 'LEAD' AND status = ANY ($3)`,
      [caseNo, unitCode, OPEN_STATUSES],
    );
    return row ? this.lock(row.id) : null;
  }

  lock(id: string): Promise<Assignment | null> {
    return this.manager.findOne(Assignment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every open assignment of the petition, locked. */
  lockOpenOfPetition(petitionId: string): Promise<Assignment[]> {
    return this.manager.find(Assignment, {
      where: { petitionId, status: In([...OPEN_STATUSES]) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  ofStage(petitionId: string, stage: CaseStage): Promise<Assignment[]> {
    return this.manager.find(Assignment, { where: { petitionId, stage } });
  }

  /** The lead assignment that last concluded the stage. */
  lastConcludedLead(petitionId: string, stage: CaseStage): Promise<Assignment | null> {
    return this.manager.findOne(Assignment, {
      where: { petitionId, stage, role: 'LEAD', status: 'CONCLUDED' },
      order: { closedAt: 'DESC' },
    });
  }

  async insert(assignment: Assignment): Promise<void> {
    await this.manager.insert(Assignment, assignment);
  }

  async accept(id: string, at: Date): Promise<void> {
    await this.manager.update(Assignment, { id }, { status: 'ACCEPTED', acceptedAt: at });
  }

  async close(id: string, status: AssignmentStatus, at: Date): Promise<void> {
    await this.manager.update(Assignment, { id }, { status, closedAt: at });
  }

  /** The co-handlers' part of the stage ends with the lead's reply. */
  async concludeOpenCoHandlers(petitionId: string, stage: CaseStage, at: Date): Promise<void> {
    await this.manager.query(
      `UPDATE routing.assignment SET status = 'CONCLUDED', closed_at = $3
       WHERE petition_id = $1 AND stage = $2 AND role = 'CO_HANDLER'
         AND status IN ('ASSIGNED', 'ACCEPTED')`,
      [petitionId, stage, at],
    );
  }

  /** The open lead assignment of a case, whichever unit holds it. */
  async openLeadOfCase(
    caseNo: string,
  ): Promise<{ petition_id: string; unit_code: string } | undefined> {
    const [lead] = await this.manager.query<{ petition_id: string; unit_code: string }[]>(
      `SELECT petition_id, unit_code FROM routing.assignment
       WHERE case_no = $1 AND role = 'LEAD' AND status IN ('ASSIGNED', 'ACCEPTED')`,
      [caseNo],
    );
    return lead;
  }

  /** The unit that last led the petition's case. */
  async lastLeadUnit(petitionId: string): Promise<string | undefined> {
    const [lastLead] = await this.manager.query<{ unit_code: string }[]>(
      `SELECT unit_code FROM routing.assignment WHERE petition_id = $1 AND role = 'LEAD'
       ORDER BY assigned_at DESC LIMIT 1`,
      [petitionId],
    );
    return lastLead?.unit_code;
  }

  /** The unit that answered the petition's case: the last lead to conclude or decline it. */
  async answeringUnit(petitionId: string): Promise<string | undefined> {
    const [answered] = await this.manager.query<{ unit_code: string }[]>(
      `SELECT unit_code FROM routing.assignment
        WHERE petition_id = $1 AND role = 'LEAD' AND status IN ('CONCLUDED', 'DECLINED')
        ORDER BY closed_at DESC LIMIT 1`,
      [petitionId],
    );
    return answered?.unit_code;
  }
}
