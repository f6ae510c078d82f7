import { Injectable } from '@nestjs/common';
import type { StaffUser } from '#common';
import type { Petition } from '../database/petition.entity.js';
import { COLLECTIVE_SIZE } from '../repeats/hotspot-detector.service.js';
import { caseAccess, type StaffUnit } from './case-access.js';
import { CaseReadRepository } from './case-read.repository.js';
import { CaseSearchRepository } from './case-search.repository.js';
import type { CaseSearch } from './case-search.schemas.js';

/**
 * The cases within the caller's scope (the scope of the case view), filtered, sorted, paged. As
 * in the case view, a unit whose assignment ended gets a summary of each such case (and its text
 * search does not look into their content), and the text of a petition that accuses the
 * caller's unit or a unit above it is not searched either.
 */
@Injectable()
export class CaseSearchService {
  constructor(
    private readonly cases: CaseSearchRepository,
    private readonly reads: CaseReadRepository,
  ) {}

  async search(staff: StaffUser, filters: CaseSearch) {
    const staffUnit = await this.reads.unit(staff.unitCode);
    const [rows, total] = await this.cases.pageInScope(staff, staffUnit, filters);
    const access = await this.accessOf(staff, staffUnit, rows);
    return {
      // The SQL scope above and caseAccess are one rule; a case that changed hands between the
      // two reads is left out rather than shown as it was.
      items: rows.flatMap((p) => {
        const view = access.get(p.id)?.view;
        return view ? [toItem(p, view)] : [];
      }),
      page: filters.page,
      pageSize: filters.pageSize,
      total,
    };
  }

  /** What the caller may read of each case of a page, by the rule of the case view. */
  private async accessOf(staff: StaffUser, staffUnit: StaffUnit | null, rows: Petition[]) {
    const ids = rows.map((p) => p.id);
    const [assignments, accused] = await Promise.all([
      this.reads.assignmentsOf(ids),
      this.reads.accusedUnitsOf(ids),
    ]);
    return new Map(
      rows.map((p) => [
        p.id,
        caseAccess(
          staff,
          {
            registeredByUnit: p.registeredByUnit,
            assignments: assignments
              .filter((a) => a.petition_id === p.id)
              .map((a) => ({
                unitCode: a.unit_code,
                unitAncestors: a.unit_ancestors,
                status: a.status,
              })),
            division: p.divisionCode,
            accused: accused.get(p.id) ?? [],
          },
          staffUnit,
        ),
      ]),
    );
  }
}

/** A case in the list: its identity and status, and the rest only with the whole case. */
function toItem(p: Petition, view: 'FULL' | 'SUMMARY') {
  const summary = {
    caseNo: p.caseNo,
    title: p.title,
    status: p.status,
    divisionCode: p.divisionCode,
    receivedAt: p.receivedAt,
    access: view,
  };
  if (view === 'SUMMARY') return summary;
  return {
    ...summary,
    channel: p.channel,
    nature: p.nature,
    category: p.category,
    personCount: p.personCount,
    collective: p.personCount >= COLLECTIVE_SIZE,
    repeat: p.repeatOf !== null || p.repeatCount > 0,
    hotspot: p.hotspotId !== null,
  };
}
