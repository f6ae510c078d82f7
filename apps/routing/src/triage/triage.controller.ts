import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { caseNoPipe, CurrentStaff, RequireRoles, type StaffUser, ZodValidationPipe } from '#common';
import {
  pageSchema,
  triageDecisionSchema,
  type Page,
  type TriageDecision,
} from './triage.schemas.js';
import { TriageService } from './triage.service.js';

/** The petition bureau's manual triage queue (人工分办), for its dispatchers. */
@Controller('api/v1/triage')
@RequireRoles('dispatcher')
export class TriageController {
  constructor(private readonly triage: TriageService) {}

  /** Cases of the bureau's territory waiting for a person, oldest first, with the suggestion. */
  @Get()
  queue(@Query(new ZodValidationPipe(pageSchema)) page: Page, @CurrentStaff() staff: StaffUser) {
    return this.triage.queue(staff, page);
  }

  /** Decisions against predictions, newest first, with how often the prediction held. */
  @Get('corrections')
  corrections(
    @Query(new ZodValidationPipe(pageSchema)) page: Page,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.triage.corrections(staff, page);
  }

  /** Confirms or corrects nature and category and gives the case to a unit. */
  @Post(':caseNo/decision')
  @HttpCode(200)
  decide(
    @Param('caseNo', caseNoPipe) caseNo: string,
    @Body(new ZodValidationPipe(triageDecisionSchema)) decision: TriageDecision,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.triage.decide(staff, caseNo, decision);
  }
}
