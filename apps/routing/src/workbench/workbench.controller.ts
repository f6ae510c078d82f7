import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { caseNoPipe, CurrentStaff, RequireRoles, type StaffUser, ZodValidationPipe } from '#common';
import { CaseHandlingService } from './case-handling.service.js';
import { WorkbenchListService } from './workbench-list.service.js';
import {
  coHandlersSchema,
  conclusionSchema,
  declineSchema,
  returnSchema,
  workbenchQuerySchema,
  type CoHandlers,
  type Conclusion,
  type Decline,
  type ReturnToDispatcher,
  type WorkbenchQuery,
} from './workbench.schemas.js';

/** The unit's workbench (承办单位工作台): its cases and the steps it takes handling them. */
@Controller('api/v1/workbench/cases')
@RequireRoles('handler', 'unit_leader')
export class WorkbenchController {
  constructor(
    private readonly handling: CaseHandlingService,
    private readonly cases: WorkbenchListService,
  ) {}

  @Get()
  list(
    @Query(new ZodValidationPipe(workbenchQuerySchema)) query: WorkbenchQuery,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.cases.list(staff, query);
  }

  @Post(':caseNo/accept')
  @HttpCode(200)
  accept(@Param('caseNo', caseNoPipe) no: string, @CurrentStaff() staff: StaffUser) {
    return this.handling.accept(no, staff);
  }

  @Post(':caseNo/decline')
  @HttpCode(200)
  decline(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(declineSchema)) body: Decline,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.handling.decline(no, staff, body);
  }

  @Post(':caseNo/return')
  @HttpCode(200)
  returnToDispatcher(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(returnSchema)) body: ReturnToDispatcher,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.handling.returnToDispatcher(no, staff, body);
  }

  @Post(':caseNo/co-handlers')
  @HttpCode(200)
  addCoHandlers(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(coHandlersSchema)) body: CoHandlers,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.handling.addCoHandlers(no, staff, body);
  }

  @Post(':caseNo/conclude')
  @HttpCode(200)
  conclude(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(conclusionSchema)) body: Conclusion,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.handling.conclude(no, staff, body);
  }
}
