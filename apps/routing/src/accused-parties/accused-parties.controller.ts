import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { caseNoPipe, CurrentStaff, RequireRoles, type StaffUser, ZodValidationPipe } from '#common';
import {
  accusedPartiesCorrectionSchema,
  type AccusedPartiesCorrection,
} from './accused-parties.schemas.js';
import { AccusedPartiesService } from './accused-parties.service.js';

/** The parties a petition accuses (被检举控告对象), for the territory's registrars and dispatchers. */
@Controller('api/v1/cases/:caseNo/accused-parties')
@RequireRoles('registrar', 'dispatcher')
export class AccusedPartiesController {
  constructor(private readonly accusedParties: AccusedPartiesService) {}

  @Get()
  read(@Param('caseNo', caseNoPipe) caseNo: string, @CurrentStaff() staff: StaffUser) {
    return this.accusedParties.read(staff, caseNo);
  }

  /** Replaces the list; every correction is kept with who made it and why. */
  @Put()
  correct(
    @Param('caseNo', caseNoPipe) caseNo: string,
    @Body(new ZodValidationPipe(accusedPartiesCorrectionSchema)) body: AccusedPartiesCorrection,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.accusedParties.correct(staff, caseNo, body);
  }
}
