import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { CurrentStaff, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import { DutyRosters, rosterSchema, rosterScope, type Roster } from './duty-rosters.js';
import { UrgentCases } from './urgent-cases.js';

const flagSchema = z.strictObject({ caseNo: z.string().regex(/^XF-\d{6}-\d{8}-\d{6}$/) });

@Controller('api/v1')
export class DutyController {
  constructor(
    private readonly rosters: DutyRosters,
    private readonly cases: UrgentCases,
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

  /** A registrar flags a case urgent: the leader on duty is paged at once. */
  @Post('urgent-alerts')
  @HttpCode(201)
  @RequireRoles('registrar', 'dispatcher', 'supervisor', 'admin')
  flag(
    @Body(new ZodValidationPipe(flagSchema)) body: z.infer<typeof flagSchema>,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.cases.flag(staff, body.caseNo);
  }
}
