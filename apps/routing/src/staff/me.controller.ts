import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ApiError,
  CurrentStaff,
  forbidden,
  notFound,
  RequireRoles,
  scopeHasUnit,
  staffScope,
  unauthorized,
  unitCodeSchema,
  ZodValidationPipe,
  type StaffUser,
} from '#common';
import { UnitRepository } from '../units/unit.repository.js';
import { StaffAccountRepository } from './staff-account.repository.js';

/** The caller: who they are, their unit, roles, and the part of the directory they see. */
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async me(@CurrentStaff() staff: StaffUser) {
    const manager = this.dataSource.manager;
    const account = await new StaffAccountRepository(manager).activeById(staff.id);
    if (!account) throw unauthorized();
    const unit = await new UnitRepository(manager).byCode(account.unitCode);
    const scope = await staffScope(this.dataSource, staff);
    return {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
      unit: unit && {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        level: unit.level,
        divisionCode: unit.divisionCode,
      },
      scope: {
        /** Every unit and territory (admins). */
        all: scope.all,
        /** The division-code prefix of a petition bureau's territory (属地), if any. */
        territory: scope.territory,
        unitCodes: scope.unitCodes,
      },
      passwordChangedAt: account.passwordChangedAt,
    };
  }
}

/**
 * A unit's active staff: for its own leaders (who name a responsible leader, 包案领导, among
 * them), for supervisors over it, and for admins.
 */
@Controller('api/v1/units')
export class UnitStaffController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':code/staff')
  @RequireRoles('unit_leader', 'supervisor', 'admin')
  async list(
    @Param('code', new ZodValidationPipe(unitCodeSchema)) code: string,
    @CurrentStaff() staff: StaffUser,
  ) {
    const ownLeader = staff.unitCode === code && staff.roles.includes('unit_leader');
    if (!ownLeader && !staff.roles.includes('admin')) {
      const overseen =
        staff.roles.includes('supervisor') &&
        scopeHasUnit(await staffScope(this.dataSource, staff), code);
      if (!overseen) {
        throw staff.roles.includes('supervisor')
          ? forbidden()
          : new ApiError(HttpStatus.FORBIDDEN, 'NOT_OWN_UNIT', {
              zh: '单位领导只能查看本单位的工作人员',
              en: "A unit leader sees only their own unit's staff",
            });
      }
    }
    const manager = this.dataSource.manager;
    const unit = await new UnitRepository(manager).byCode(code);
    if (!unit) throw notFound({ zh: '单位', en: 'Unit' });
    const accounts = await new StaffAccountRepository(manager).activeOfUnit(code);
    return {
      unit: { code: unit.code, name: unit.name },
      items: accounts.map((a) => ({
        id: a.id,
        username: a.username,
        displayName: a.displayName,
        roles: a.roles,
      })),
    };
  }
}
