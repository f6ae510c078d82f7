import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiError, notFound, validationFailed } from '#common';
import { StaffAccountRepository } from '../staff/staff-account.repository.js';
import {
  InvalidUnitsError,
  UnitDirectory,
  UnitExistsError,
  UnitNotFoundError,
} from './unit-directory.js';
import type { UnitChanges, UnitInput } from './unit-schema.js';
import { UnitRepository } from './unit.repository.js';
import type { UnitSearch } from './units.schemas.js';

const UNIT = { zh: '单位', en: 'Unit' };

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
    private readonly dataSource: DataSource,
    private readonly directory: UnitDirectory,
  ) {}

  async list(filters: UnitSearch) {
    const [items, total] = await new UnitRepository(this.dataSource.manager).search(filters);
    return { items, page: filters.page, pageSize: filters.pageSize, total };
  }

  /** The unit with the active accounts that handle its cases and lead it. */
  async show(code: string) {
    const manager = this.dataSource.manager;
    const unit = await new UnitRepository(manager).byCode(code);
    if (!unit) throw notFound(UNIT);
    const staff = await new StaffAccountRepository(manager).handlersAndLeadersOf(code);
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
