import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { pageOffset, type StaffUser } from '#common';
import { Petition } from '../database/petition.entity.js';
import { COLLECTIVE_SIZE } from '../repeats/hotspot-detector.service.js';
import { OPEN_STATUSES, TERRITORY_ROLES, type StaffUnit } from './case-access.js';
import type { CaseSearch } from './case-search.schemas.js';

const SORT_COLUMNS = { receivedAt: 'p.receivedAt', caseNo: 'p.caseNo' } as const;

/**
 * The query of the staff case list: intake's petitions, scoped by routing's versioned views
 * (case_assignment_v1, unit_directory_v1, accused_unit_v1) as caseAccess scopes one case.
 */
@Injectable()
export class CaseSearchRepository {
  constructor(@InjectRepository(Petition) private readonly petitions: Repository<Petition>) {}

  /** A page of the cases the staff member may see (whole or as a summary), and their total. */
  pageInScope(
    staff: StaffUser,
    staffUnit: StaffUnit | null,
    filters: CaseSearch,
  ): Promise<[Petition[], number]> {
    const query = this.petitions.createQueryBuilder('p');
    // The whole case (caseAccess view FULL): the registering unit, a unit holding an open
    // assignment, supervisors above an assigned unit, the territory's petition bureau.
    const whole = staff.roles.includes('admin')
      ? 'TRUE'
      : `(p.registered_by_unit = :unit
          OR EXISTS (SELECT 1 FROM routing.case_assignment_v1 a WHERE a.petition_id = p.id
               AND ((a.unit_code = :unit AND a.status IN (:...openStatuses))
                 OR (:supervisor AND :unit = ANY (a.unit_ancestors))))
          OR (:territoryRole AND EXISTS (SELECT 1 FROM routing.unit_directory_v1 u
               WHERE u.code = :unit AND u.kind = 'PETITION_BUREAU'
                 AND p.division_code LIKE (CASE WHEN u.level = 'PREFECTURE'
                   THEN left(u.division_code, 4) ELSE u.division_code END) || '%')))`;
    query.setParameters({
      unit: staff.unitCode,
      openStatuses: OPEN_STATUSES,
      supervisor: staff.roles.includes('supervisor'),
      territoryRole: staff.roles.some((r) => TERRITORY_ROLES.includes(r)),
    });
    if (!staff.roles.includes('admin')) {
      // …and a summary for a unit whose assignment ended.
      query.andWhere(
        `(${whole} OR EXISTS (SELECT 1 FROM routing.case_assignment_v1 a
           WHERE a.petition_id = p.id AND a.unit_code = :unit))`,
      );
    }
    if (filters.status) query.andWhere('p.status = :status', { status: filters.status });
    if (filters.channel) query.andWhere('p.channel = :channel', { channel: filters.channel });
    if (filters.nature) query.andWhere('p.nature = :nature', { nature: filters.nature });
    if (filters.category) query.andWhere('p.category = :category', { category: filters.category });
    if (filters.territory) {
      query.andWhere('p.divisionCode LIKE :territory', { territory: `${filters.territory}%` });
    }
    // Days are China days: a case received at 00:30 on the 2nd (UTC+8) belongs to the 2nd.
    if (filters.receivedFrom) {
      query.andWhere(`p.receivedAt >= (:from::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, {
        from: filters.receivedFrom,
      });
    }
    if (filters.receivedTo) {
      query.andWhere(`p.receivedAt < ((:to::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`, {
        to: filters.receivedTo,
      });
    }
    if (filters.collective !== undefined) {
      query.andWhere(filters.collective ? 'p.personCount >= :size' : 'p.personCount < :size', {
        size: COLLECTIVE_SIZE,
      });
    }
    if (filters.repeat !== undefined) {
      const repeated = '(p.repeatOf IS NOT NULL OR p.repeatCount > 0)';
      query.andWhere(filters.repeat ? repeated : `NOT ${repeated}`);
    }
    if (filters.hotspot !== undefined) {
      query.andWhere(filters.hotspot ? 'p.hotspotId IS NOT NULL' : 'p.hotspotId IS NULL');
    }
    if (filters.text) {
      const pattern = `%${filters.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The content only where the caller may read it (CaseAccess.materials): not in a summary,
      // nor in a petition accusing the caller's unit or a unit above it.
      query.andWhere(
        `(p.title ILIKE :pattern OR (p.content ILIKE :pattern AND ${whole}
           AND p.id NOT IN (SELECT x.petition_id FROM routing.accused_unit_v1 x
                            WHERE x.unit_code = ANY (:chain))))`,
        { pattern, chain: [staff.unitCode, ...(staffUnit?.ancestors ?? [])] },
      );
    }
    const descending = filters.sort.startsWith('-');
    const column = SORT_COLUMNS[filters.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
    query
      .orderBy(column, descending ? 'DESC' : 'ASC')
      .addOrderBy('p.id')
      .skip(pageOffset(filters))
      .take(filters.pageSize);

    return query.getManyAndCount();
  }
}
