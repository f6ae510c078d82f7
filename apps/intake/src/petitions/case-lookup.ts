import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound, type StaffUser } from '#common';
import { Petition } from '../database/petition.entity.js';
import { bureauTerritory, canSeeCase, type CaseUnits } from './case-access.js';
import { CaseReadRepository, type AssignmentRow } from './case-read.repository.js';
import { QueryCodes } from './query-code.js';

const CASE = { zh: '信访件', en: 'Case' };

/**
 * Finds a case for whoever asks, or answers 404: to staff who may not see it, to a wrong query
 * code and for a missing case alike, so neither staff of other units nor someone guessing codes
 * learns that a case exists.
 */
@Injectable()
export class CaseLookup {
  constructor(
    @InjectRepository(Petition) private readonly petitions: Repository<Petition>,
    private readonly reads: CaseReadRepository,
    private readonly queryCodes: QueryCodes,
  ) {}

  async forStaff(
    caseNo: string,
    staff: StaffUser,
  ): Promise<{
    petition: Petition;
    assignments: AssignmentRow[];
    units: CaseUnits;
  }> {
    const petition = await this.petitions.findOneBy({ caseNo });
    if (!petition) throw notFound(CASE);
    const [assignments, staffUnit] = await Promise.all([
      this.reads.assignments(petition.id),
      this.reads.unit(staff.unitCode),
    ]);
    const units = {
      registeredByUnit: petition.registeredByUnit,
      assignments: assignments.map((a) => ({
        unitCode: a.unit_code,
        unitAncestors: a.unit_ancestors,
      })),
      division: petition.divisionCode,
    };
    if (!canSeeCase(staff, units, bureauTerritory(staffUnit))) throw notFound(CASE);
    return { petition, assignments, units };
  }

  async forPetitioner(caseNo: string, queryCode: string): Promise<Petition> {
    const petition = await this.petitions.findOneBy({ caseNo });
    if (!petition || !this.queryCodes.matches(queryCode, petition.queryCodeHash)) {
      throw notFound(CASE);
    }
    return petition;
  }
}
