import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CurrentStaff, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import { DutyRostersService } from './duty-rosters.service.js';
import {
  flagSchema,
  rosterSchema,
  rosterScope,
  type FlagRequest,
  type Roster,
} from './duty.schemas.js';
import { UrgentCasesService } from './urgent-cases.service.js';

@Controller('api/v1')
export class DutyController {
  constructor(
    private readonly rosters: DutyRostersService,
    private readonly cases: UrgentCasesService,
  ) {}

  /** An admin sets who is on duty for a unit or a territory, in paging order. */
  @Put('duty-rosters/:scope')
  @RequireRoles('admin')
  setRoster(
    @Param('scope', new ZodValidationPipe(rosterScope)) scope: string,
    @Body(new ZodValidationPipe(rosterSchema)) roster: Roster,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.rosters.replace(staff, scope, roster);
  }

  /** Admins read every roster; supervisors those of the units and territory they oversee. */
  @Get('duty-rosters/:scope')
  @RequireRoles('admin', 'supervisor')
  getRoster(
    @Param('scope', new ZodValidationPipe(rosterScope)) scope: string,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.rosters.get(staff, scope);
  }

  /**
   * A registrar flags a case of their territory urgent, saying why: the leader on duty is paged
   * at once. A case outside the caller's scope is as unknown as a missing one.
   */
  @Post('urgent-alerts')
  @HttpCode(201)
  @RequireRoles('registrar', 'dispatcher', 'supervisor', 'admin')
  flag(
    @Body(new ZodValidationPipe(flagSchema)) body: FlagRequest,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.cases.flag(staff, body.caseNo, body.reason);
  }
}
