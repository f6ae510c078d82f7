import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { Categories, Channels, Natures, PetitionStatuses, type StaffUser } from '#common';
import { Petition } from '../database/petition.entity.js';
import { caseAccess, OPEN_STATUSES, TERRITORY_ROLES, type StaffUnit } from './case-access.js';
import { CaseReadRepository } from './case-read.repository.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of the staff case list; every one optional. */
export const caseSearchSchema = z.strictObject({
  status: z.enum(PetitionStatuses).optional(),
  channel: z.enum(Channels).optional(),
  nature: z.enum(Natures).optional(),
  category: z.enum(Categories).optional(),
  /** A county (6 digits) or township (9 digits): the case arose there or in a division under it. */
  territory: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  receivedFrom: z.iso.date().optional(),
  receivedTo: z.iso.date().optional(),
  collective: flag.optional(),
  /** Linked to earlier cases as a repeat, or repeated by later ones. */
  repeat: flag.optional(),
  /** Part of a hotspot (热点). */
  hotspot: flag.optional(),
  /** Words in the title or content. */
  text: z.string().trim().min(1).max(50).optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'caseNo', '-caseNo']).default('-receivedAt'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export type CaseSearch = z.infer<typeof caseSearchSchema>;

const COLLECTIVE_SIZE = 5;
const SORT_COLUMNS = { receivedAt: 'p.receivedAt', caseNo: 'p.caseNo' } as const;

/**
 * The cases within the caller's scope (the scope of the case view), filtered, sorted, paged. As
 * in the case view, a unit whose assignment ended gets a summary of each such case (and its text
 * search does not look into their content), and the text of a petition that accuses the
 * caller's unit or a unit above it is not searched either.
 */
@Injectable()
export class CaseSearchService {
  constructor(
    @InjectRepository(Petition) private readonly petitions: Repository<Petition>,
    private readonly reads: CaseReadRepository,
  ) {}

  async search(staff: StaffUser, filters: CaseSearch) {
    const staffUnit = await this.reads.unit(staff.unitCode);
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
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize);

    const [rows, total] = await query.getManyAndCount();
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
