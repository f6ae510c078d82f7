import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { ApiError, Categories, notFound, UnitKinds, UnitLevels, validationFailed } from '#common';
import { StaffAccount } from '../database/staff-account.entity.js';
import { Unit } from '../database/unit.entity.js';
import {
  InvalidUnitsError,
  UnitDirectory,
  UnitExistsError,
  UnitNotFoundError,
} from './unit-directory.js';
import type { UnitChanges, UnitInput } from './unit-schema.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of the unit list; every one optional. */
export const unitSearchSchema = z.strictObject({
  /** A division code: units of that division and of the divisions under it. */
  division: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  kind: z.enum(UnitKinds).optional(),
  level: z.enum(UnitLevels).optional(),
  /** Units that lead on this category. */
  category: z.enum(Categories).optional(),
  active: flag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type UnitSearch = z.infer<typeof unitSearchSchema>;

const UNIT = { zh: '单位', en: 'Unit' };

/** What a division code starts with for it and the divisions under it (510900 → 5109). */
const divisionPrefix = (code: string) => (/^\d{4}00$/.test(code) ? code.slice(0, 4) : code);

/** Domain errors of the directory as API errors. */
function asApiError(error: unknown): unknown {
  if (error instanceof InvalidUnitsError) {
    return validationFailed(
      error.issues.map(({ field, code, messages }) => ({ field, code, messages })),
    );
  }
  if (error instanceof UnitExistsError) {
    return new ApiError(HttpStatus.CONFLICT, 'UNIT_EXISTS', {
      zh: `单位代码${error.code}已存在`,
      en: `A unit with code ${error.code} already exists`,
    });
  }
  if (error instanceof UnitNotFoundError) return notFound(UNIT);
  return error;
}

@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(StaffAccount) private readonly accounts: Repository<StaffAccount>,
    private readonly directory: UnitDirectory,
  ) {}

  async list(filters: UnitSearch) {
    const query = this.units.createQueryBuilder('u');
    if (filters.division) {
      query.andWhere('u.divisionCode LIKE :division', {
        division: `${divisionPrefix(filters.division)}%`,
      });
    }
    if (filters.kind) query.andWhere('u.kind = :kind', { kind: filters.kind });
    if (filters.level) query.andWhere('u.level = :level', { level: filters.level });
    if (filters.category) {
      query.andWhere(':category = ANY (u.categories)', { category: filters.category });
    }
    if (filters.active !== undefined)
      query.andWhere('u.active = :active', { active: filters.active });
    const [items, total] = await query
      .orderBy('u.code')
      .skip((filters.page - 1) * filters.pageSize)
      .take(filters.pageSize)
      .getManyAndCount();
    return { items, page: filters.page, pageSize: filters.pageSize, total };
  }

  /** The unit with the active accounts that handle its cases and lead it. */
  async show(code: string) {
    const unit = await this.units.findOneBy({ code });
    if (!unit) throw notFound(UNIT);
    const staff = await this.accounts
      .createQueryBuilder('a')
      .where('a.unitCode = :code AND a.active', { code })
      .andWhere(`a.roles && ARRAY['handler', 'unit_leader']::text[]`)
      .orderBy('a.username')
      .getMany();
    const people = (role: 'handler' | 'unit_leader') =>
      staff
        .filter((account) => account.roles.includes(role))
        .map(({ id, username, displayName, roles }) => ({ id, username, displayName, roles }));
    return Object.assign({}, unit, { handlers: people('handler'), leaders: people('unit_leader') });
  }

  async create(unit: UnitInput) {
    return this.directory.create(unit).catch((error: unknown) => {
      throw asApiError(error);
    });
  }

  async update(code: string, changes: UnitChanges) {
    return this.directory.update(code, changes).catch((error: unknown) => {
      throw asApiError(error);
    });
  }
}
