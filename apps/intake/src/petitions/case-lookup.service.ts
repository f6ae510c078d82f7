import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound, type StaffUser } from '#common';
import { Petition } from '../database/petition.entity.js';
import { caseAccess, type CaseAccess, type CaseUnits } from './case-access.js';
import { CaseReadRepository, type AssignmentRow } from './case-read.repository.js';
import { QueryCodes } from './query-code.js';

const CASE = { zh: '信访件', en: 'Case' };

/** A case as one member of staff may read it. */
export interface StaffCase {
  petition: Petition;
  assignments: AssignmentRow[];
  units: CaseUnits;
  access: CaseAccess;
}

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

  /**
   * The case as the caller may read it. `need` narrows it further: WHOLE refuses a unit whose
   * assignment ended (it keeps a summary only); MATERIALS (the text and attachments, 检举控告材料)
   * also refuses a unit the petition accuses or one under it. A refused case is as unknown to
   * the caller as a case they cannot see.
   */
  async forStaff(
    caseNo: string,
    staff: StaffUser,
    need: 'ANY' | 'WHOLE' | 'MATERIALS' = 'ANY',
  ): Promise<StaffCase> {
    const petition = await this.petitions.findOneBy({ caseNo });
    if (!petition) throw notFound(CASE);
    const [assignments, staffUnit, accused] = await Promise.all([
      this.reads.assignments(petition.id),
      this.reads.unit(staff.unitCode),
      this.reads.accusedUnits(petition.id),
    ]);
    const units: CaseUnits = {
      registeredByUnit: petition.registeredByUnit,
      assignments: assignments.map((a) => ({
        unitCode: a.unit_code,
        unitAncestors: a.unit_ancestors,
        status: a.status,
      })),
      division: petition.divisionCode,
      accused,
    };
    const access = caseAccess(staff, units, staffUnit);
    if (
      !access ||
      (need === 'WHOLE' && access.view !== 'FULL') ||
      (need === 'MATERIALS' && !access.materials)
    ) {
      throw notFound(CASE);
    }
    return { petition, assignments, units, access };
  }

  async forPetitioner(caseNo: string, queryCode: string): Promise<Petition> {
    const petition = await this.petitions.findOneBy({ caseNo });
    if (!petition || !this.queryCodes.matches(queryCode, petition.queryCodeHash)) {
      throw notFound(CASE);
    }
    return petition;
  }
}
