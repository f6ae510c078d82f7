import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { z } from 'zod';
import { Categories, Channels, Natures, PetitionStatuses, type StaffUser } from '#common';
import { Petition } from '../database/petition.entity.js';
import { TERRITORY_ROLES } from './case-access.js';

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

/** The cases within the caller's scope (the scope of the case view), filtered, sorted, paged. */
@Injectable()
export class CaseSearchService {
  constructor(@InjectRepository(Petition) private readonly petitions: Repository<Petition>) {}

  async search(staff: StaffUser, filters: CaseSearch) {
    const query = this.petitions.createQueryBuilder('p');
    if (!staff.roles.includes('admin')) {
      query.andWhere(
        new Brackets((scope) => {
          scope
            .where('p.registeredByUnit = :unit')
            .orWhere(
              `EXISTS (SELECT 1 FROM routing.case_assignment_v1 a WHERE a.petition_id = p.id
                 AND (a.unit_code = :unit OR (:supervisor AND :unit = ANY (a.unit_ancestors))))`,
            )
            // The territory of the caller's petition bureau (see bureauTerritory).
            .orWhere(
              `:territoryRole AND EXISTS (SELECT 1 FROM routing.unit_directory_v1 u
                 WHERE u.code = :unit AND u.kind = 'PETITION_BUREAU'
                   AND p.division_code LIKE (CASE WHEN u.level = 'PREFECTURE'
                     THEN left(u.division_code, 4) ELSE u.division_code END) || '%')`,
            );
        }),
        {
          unit: staff.unitCode,
          supervisor: staff.roles.includes('supervisor'),
          territoryRole: staff.roles.some((r) => TERRITORY_ROLES.includes(r)),
        },
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
      query.andWhere('(p.title ILIKE :pattern OR p.content ILIKE :pattern)', { pattern });
    }
    const descending = filters.sort.startsWith('-');
    const column = SORT_COLUMNS[filters.sort.replace('-', '') as keyof typeof SORT_COLUMNS];
    query
      .orderBy(column, descending ? 'DESC' : 'ASC')
      .addOrderBy('p.id')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize);

    const [rows, total] = await query.getManyAndCount();
    return {
      items: rows.map((p) => ({
        caseNo: p.caseNo,
        title: p.title,
        channel: p.channel,
        status: p.status,
        nature: p.nature,
        category: p.category,
        divisionCode: p.divisionCode,
        personCount: p.personCount,
        collective: p.personCount >= COLLECTIVE_SIZE,
        repeat: p.repeatOf !== null || p.repeatCount > 0,
        hotspot: p.hotspotId !== null,
        receivedAt: p.receivedAt,
      })),
      page: filters.page,
      pageSize: filters.pageSize,
      total,
    };
  }
}
