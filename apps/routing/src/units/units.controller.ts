import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  AcceptsLegacyFields,
  RequireRoles,
  unitCodeSchema,
  ZodValidationPipe,
  type Role,
} from '#common';
import { NewUnitPipe, UnitChangesPipe } from './unit-body.pipes.js';
import type { UnitChanges, UnitInput } from './unit-schema.js';
import { unitSearchSchema, type UnitSearch } from './units.schemas.js';
import { UnitsService } from './units.service.js';

/**
 * Dispatchers pick the unit a case goes to and supervisors oversee the units below them, so
 * both read the directory; only admins change it. It holds units and duty contacts, and staff
 * only as accounts (no petitioner's data).
 */
const DIRECTORY_READERS: Role[] = ['admin', 'supervisor', 'dispatcher'];
/** The list alone (no staff in it): units also choose a transfer target or co-handlers from it. */
const LIST_READERS: Role[] = [...DIRECTORY_READERS, 'handler', 'unit_leader'];

const codeParam = new ZodValidationPipe(unitCodeSchema);

@Controller('api/v1/units')
@RequireRoles('admin')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /** Units by division (and the divisions under it), kind, level, led category, active; paged. */
  @Get()
  @RequireRoles(...LIST_READERS)
  @AcceptsLegacyFields({ renamedInQuery: { division: 'divisionCode' } })
  list(@Query(new ZodValidationPipe(unitSearchSchema)) filters: UnitSearch) {
    return this.units.list(filters);
  }

  /** A unit with its handlers (经办人) and leaders (负责人). */
  @Get(':code')
  @RequireRoles(...DIRECTORY_READERS)
  show(@Param('code', codeParam) code: string) {
    return this.units.show(code);
  }

  @Post()
  @HttpCode(201)
  create(@Body(NewUnitPipe) unit: UnitInput) {
    return this.units.create(unit);
  }

  /** Changes fields of a unit; `{"active": false}` deactivates it (units are never deleted). */
  @Patch(':code')
  update(@Param('code', codeParam) code: string, @Body(UnitChangesPipe) changes: UnitChanges) {
    return this.units.update(code, changes);
  }
}
