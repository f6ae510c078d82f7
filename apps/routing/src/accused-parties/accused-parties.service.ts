import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  barringAccusedUnit,
  forbidden,
  notFound,
  territoryPrefix,
  Transactions,
  validationFailed,
  type StaffUser,
  type Tx,
} from '#common';
import { accusedUnitCodes } from '../assignments/routing-policy.js';
import { Assignment } from '../database/assignment.entity.js';
import { Unit } from '../database/unit.entity.js';
import type { AccusedPartiesCorrection } from './accused-parties.schemas.js';
import { AccusedPartiesRepository } from './accused-parties.repository.js';

const CASE = { zh: '信访件', en: 'Case' };

/**
 * Who a petition accuses, as registrars and dispatchers of the territory's petition bureau see
 * and correct it. A correction that names a unit now holding the case takes the case back from
 * it (WITHDRAWN) and puts it in the triage queue: the accused-unit rule holds after the fact too.
 */
@Injectable()
export class AccusedPartiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async read(staff: StaffUser, caseNo: string) {
    const manager = this.dataSource.manager;
    const petitionId = await this.petitionInTerritory(manager, staff, caseNo);
    const parties = new AccusedPartiesRepository(manager);
    return {
      caseNo,
      parties: await parties.current(petitionId),
      corrections: (await parties.corrections(petitionId)).map((c) => ({
        before: c.before,
        after: c.after,
        reason: c.reason,
        correctedBy: c.corrected_by,
        correctedAt: c.corrected_at,
      })),
    };
  }

  correct(staff: StaffUser, caseNo: string, body: AccusedPartiesCorrection) {
    return this.transactions.run(async (tx) => {
      const petitionId = await this.petitionInTerritory(tx.manager, staff, caseNo);
      // Serialises corrections and triage decisions on the case.
      await tx.manager.query(`SELECT 1 FROM routing.case_file WHERE petition_id = $1 FOR UPDATE`, [
        petitionId,
      ]);
      await this.checkUnits(tx, body);
      const parties = new AccusedPartiesRepository(tx.manager);
      const before = await parties.current(petitionId);
      const now = new Date();
      await parties.withdrawAll(petitionId, staff.id, now);
      await parties.add(petitionId, body.parties, 'STAFF', staff.id, now);
      await parties.recordCorrection({
        petitionId,
        caseNo,
        before,
        after: body.parties,
        reason: body.reason,
        by: staff.id,
        at: now,
      });
      await tx.recordTimeline({
        petitionId,
        type: 'accused-parties.corrected',
        occurredAt: now,
        visibleToPetitioner: false,
        data: { parties: body.parties, reason: body.reason, correctedBy: staff.id },
      });
      const withdrawn = await this.withdrawFromAccused(
        tx,
        petitionId,
        accusedUnitCodes(body.parties),
        now,
      );
      return { caseNo, parties: await parties.current(petitionId), withdrawn };
    });
  }

  /** Ends every open assignment the accused-unit rule now bars; a lead's case goes to triage. */
  private async withdrawFromAccused(tx: Tx, petitionId: string, accused: string[], at: Date) {
    if (accused.length === 0) return [];
    const open = await tx.manager.find(Assignment, {
      where: { petitionId, status: In(['ASSIGNED', 'ACCEPTED']) },
      lock: { mode: 'pessimistic_write' },
    });
    const parties = new AccusedPartiesRepository(tx.manager);
    const withdrawn: string[] = [];
    for (const assignment of open) {
      const chain = {
        code: assignment.unitCode,
        ancestors: await parties.ancestorsOf(assignment.unitCode),
      };
      if (!barringAccusedUnit(chain, accused)) continue;
      await tx.manager.update(
        Assignment,
        { id: assignment.id },
        { status: 'WITHDRAWN', closedAt: at },
      );
      await tx.publish('case.withdrawn', {
        petitionId,
        caseNo: assignment.caseNo,
        assignmentId: assignment.id,
        unitCode: assignment.unitCode,
        stage: assignment.stage,
        role: assignment.role,
        occurredAt: at.toISOString(),
      });
      await tx.recordTimeline({
        petitionId,
        type: 'case.withdrawn',
        occurredAt: at,
        visibleToPetitioner: false,
        data: { unitCode: assignment.unitCode, role: assignment.role, stage: assignment.stage },
      });
      if (assignment.role === 'LEAD') {
        await tx.manager.query(
          `UPDATE routing.case_file
           SET awaiting_triage = true, triage_reason = 'ACCUSED_UNIT', updated_at = now()
           WHERE petition_id = $1`,
          [petitionId],
        );
      }
      withdrawn.push(assignment.unitCode);
    }
    return withdrawn;
  }

  private async checkUnits(tx: Tx, body: AccusedPartiesCorrection) {
    const codes = accusedUnitCodes(body.parties);
    const known = new Set(
      (await tx.manager.findBy(Unit, { code: In(codes) })).map((unit) => unit.code),
    );
    const errors = body.parties.flatMap((party, index) =>
      party.unitCode && !known.has(party.unitCode)
        ? [
            {
              field: `parties[${index}].unitCode`,
              code: 'UNKNOWN_UNIT',
              messages: {
                zh: `单位 ${party.unitCode} 不存在`,
                en: `There is no unit ${party.unitCode}`,
              },
            },
          ]
        : [],
    );
    if (errors.length > 0) throw validationFailed(errors);
  }

  /** The petition of a case of the caller's territory; registrars and dispatchers of a bureau. */
  private async petitionInTerritory(
    manager: DataSource['manager'],
    staff: StaffUser,
    caseNo: string,
  ): Promise<string> {
    const bureau = await manager.findOneBy(Unit, { code: staff.unitCode });
    if (bureau?.kind !== 'PETITION_BUREAU') throw forbidden();
    const [found] = await manager.query<{ petition_id: string }[]>(
      `SELECT cf.petition_id FROM routing.case_file cf
       JOIN intake.petition_for_routing_v1 p ON p.id = cf.petition_id
       WHERE cf.case_no = $1 AND p.division_code LIKE $2 || '%'`,
      [caseNo, territoryPrefix(bureau)],
    );
    if (!found) throw notFound(CASE);
    return found.petition_id;
  }
}
