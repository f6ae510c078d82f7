import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  caseNoSchema as caseNo,
  CurrentStaff,
  RequireRoles,
  ZodValidationPipe,
  type StaffUser,
} from '#common';
import { pageSchema, type Page } from '../triage/triage.schemas.js';
import {
  answerSchema,
  issueSchema,
  supervisionIdSchema,
  type SupervisionAnswer,
  type SupervisionIssue,
} from './supervision.schemas.js';
import { SupervisionService } from './supervision.service.js';

@Controller('api/v1')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  /** A supervisor of the petition bureau issues a supervision notice (督办单) on a case. */
  @Post('supervision')
  @HttpCode(201)
  @RequireRoles('supervisor')
  issue(
    @Body(new ZodValidationPipe(issueSchema)) body: SupervisionIssue,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.supervision.bySupervisor(staff, body.caseNo, body.instructions);
  }

  /** Overdue and near-due deadlines across the supervisor's territory, most urgent first. */
  @Get('supervision/urgent')
  @RequireRoles('supervisor')
  urgent(@Query(new ZodValidationPipe(pageSchema)) page: Page, @CurrentStaff() staff: StaffUser) {
    return this.supervision.urgent(staff, page);
  }

  /** The notices on a case and the units' answers (督办回复), for the bureau and the unit. */
  @Get('cases/:caseNo/supervisions')
  @RequireRoles('supervisor', 'dispatcher', 'handler', 'unit_leader')
  forCase(
    @Param('caseNo', new ZodValidationPipe(caseNo)) no: string,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.supervision.forCase(staff, no);
  }

  /** The supervised unit answers from its workbench. */
  @Post('workbench/cases/:caseNo/supervision/:id/answer')
  @HttpCode(200)
  @RequireRoles('handler', 'unit_leader')
  answer(
    @Param('caseNo', new ZodValidationPipe(caseNo)) no: string,
    @Param('id', new ZodValidationPipe(supervisionIdSchema)) id: string,
    @Body(new ZodValidationPipe(answerSchema)) body: SupervisionAnswer,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.supervision.answer(staff, no, id, body.answer);
  }
}
