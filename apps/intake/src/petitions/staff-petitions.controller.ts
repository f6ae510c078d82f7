import { Controller, Get, Param } from '@nestjs/common';
import { CurrentStaff, ZodValidationPipe, type StaffUser } from '#common';
import { CaseViewService } from './case-view.service.js';
import { caseNoSchema } from './petition.schemas.js';

@Controller('api/v1/petitions')
export class StaffPetitionsController {
  constructor(private readonly cases: CaseViewService) {}

  /** The whole state of a case: petition, status, assignments, deadlines, notifications, timeline. */
  @Get(':caseNo')
  show(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.cases.forStaff(caseNo, staff);
  }
}
