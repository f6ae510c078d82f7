import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { caseNoPipe, CurrentStaff, RequireRoles, type StaffUser, ZodValidationPipe } from '#common';
import { ResponsibleLeaderService } from './responsible-leader.service.js';
import { responsibleLeaderSchema, type ResponsibleLeader } from './workbench.schemas.js';

/** The lead unit's leader names the responsible leader (包案领导) of a major case. */
@Controller('api/v1/workbench/cases')
@RequireRoles('handler', 'unit_leader')
export class ResponsibleLeaderController {
  constructor(private readonly responsibleLeader: ResponsibleLeaderService) {}

  @Post(':caseNo/responsible-leader')
  @HttpCode(200)
  @RequireRoles('unit_leader')
  nameResponsibleLeader(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(responsibleLeaderSchema)) body: ResponsibleLeader,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.responsibleLeader.name(no, staff, body);
  }
}
