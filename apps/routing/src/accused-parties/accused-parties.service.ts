import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
import { AssignmentRepository } from '../database/assignment.repository.js';
import { CaseFileRepository } from '../database/case-file.repository.js';
import { PublishedViewsRepository } from '../database/published-views.repository.js';
import { UnitRepository } from '../units/unit.repository.js';
import type { AccusedPartiesCorrection } from './accused-parties.schemas.js';
import { AccusedPartiesRepository } from './accused-parties.repository.js';
import { awaitTriage } from '../staff/awaiting-staff.js';

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
      await new CaseFileRepository(tx.manager).lockRow(petitionId);
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
      await tx.recordStaffNote(
        petitionId,
        'accused-parties.corrected',
        { parties: body.parties, reason: body.reason, correctedBy: staff.id },
        now,
      );
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
    const assignments = new AssignmentRepository(tx.manager);
    const open = await assignments.lockOpenOfPetition(petitionId);
    const parties = new AccusedPartiesRepository(tx.manager);
    const withdrawn: string[] = [];
    for (const assignment of open) {
      const chain = {
        code: assignment.unitCode,
        ancestors: await parties.ancestorsOf(assignment.unitCode),
      };
      if (!barringAccusedUnit(chain, accused)) continue;
      await assignments.close(assignment.id, 'WITHDRAWN', at);
      await tx.publish('case.withdrawn', {
        petitionId,
        caseNo: assignment.caseNo,
        assignmentId: assignment.id,
        unitCode: assignment.unitCode,
        stage: assignment.stage,
        role: assignment.role,
        occurredAt: at.toISOString(),
      });
      await tx.recordStaffNote(
        petitionId,
        'case.withdrawn',
        { unitCode: assignment.unitCode, role: assignment.role, stage: assignment.stage },
        at,
      );
      if (assignment.role === 'LEAD') {
        await new CaseFileRepository(tx.manager).sendToTriage(petitionId, 'ACCUSED_UNIT');
        await awaitTriage(tx, petitionId, assignment.caseNo);
      }
      withdrawn.push(assignment.unitCode);
    }
    return withdrawn;
  }

  private async checkUnits(tx: Tx, body: AccusedPartiesCorrection) {
    const codes = accusedUnitCodes(body.parties);
    const known = new Set(
      (await new UnitRepository(tx.manager).byCodes(codes)).map((unit) => unit.code),
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
    manager: EntityManager,
    staff: StaffUser,
    caseNo: string,
  ): Promise<string> {
    const bureau = await new UnitRepository(manager).byCode(staff.unitCode);
    if (bureau?.kind !== 'PETITION_BUREAU') throw forbidden();
    const found = await new PublishedViewsRepository(manager).caseInTerritory(
      caseNo,
      territoryPrefix(bureau),
    );
    if (!found) throw notFound(CASE);
    return found.petition_id;
  }
}
