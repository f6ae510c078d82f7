import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentStaff, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import { WorkbenchList } from './workbench-list.js';
import {
  coHandlersSchema,
  conclusionSchema,
  decisionSchema,
  declineSchema,
  extensionSchema,
  responsibleLeaderSchema,
  returnSchema,
  transferSchema,
  workbenchQuerySchema,
  type CoHandlers,
  type Conclusion,
  type Decision,
  type Decline,
  type ExtensionRequest,
  type ResponsibleLeader,
  type ReturnToDispatcher,
  type TransferRequest,
  type WorkbenchQuery,
} from './workbench.schemas.js';
import { WorkbenchService } from './workbench.service.js';

const caseNo = new ZodValidationPipe(z.string().regex(/^XF-\d{6}-\d{8}-\d{6}$/));

/** The unit's workbench (承办单位工作台): its cases and every step it takes on them. */
@Controller('api/v1/workbench/cases')
@RequireRoles('handler', 'unit_leader')
export class WorkbenchController {
  constructor(
    private readonly workbench: WorkbenchService,
    private readonly cases: WorkbenchList,
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
  accept(@Param('caseNo', caseNo) no: string, @CurrentStaff() staff: StaffUser) {
    return this.workbench.accept(no, staff);
  }

  @Post(':caseNo/decline')
  @HttpCode(200)
  decline(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(declineSchema)) body: Decline,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.decline(no, staff, body);
  }

  @Post(':caseNo/return')
  @HttpCode(200)
  returnToDispatcher(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(returnSchema)) body: ReturnToDispatcher,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.returnToDispatcher(no, staff, body);
  }

  @Post(':caseNo/transfer')
  @HttpCode(200)
  @RequireRoles('handler', 'unit_leader', 'dispatcher')
  transfer(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(transferSchema)) body: TransferRequest,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.requestTransfer(no, staff, body);
  }

  @Post(':caseNo/co-handlers')
  @HttpCode(200)
  addCoHandlers(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(coHandlersSchema)) body: CoHandlers,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.addCoHandlers(no, staff, body);
  }

  @Post(':caseNo/extension')
  @HttpCode(200)
  requestExtension(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(extensionSchema)) body: ExtensionRequest,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.requestExtension(no, staff, body);
  }

  @Post(':caseNo/extension/decision')
  @HttpCode(200)
  @RequireRoles('unit_leader')
  decideExtension(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(decisionSchema)) body: Decision,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.decideExtension(no, staff, body);
  }

  @Post(':caseNo/responsible-leader')
  @HttpCode(200)
  @RequireRoles('unit_leader')
  nameResponsibleLeader(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(responsibleLeaderSchema)) body: ResponsibleLeader,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.nameResponsibleLeader(no, staff, body);
  }

  @Post(':caseNo/conclude')
  @HttpCode(200)
  conclude(
    @Param('caseNo', caseNo) no: string,
    @Body(new ZodValidationPipe(conclusionSchema)) body: Conclusion,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.conclude(no, staff, body);
  }
}

/** Dispatchers of the petition bureau approve or reject transfers between units. */
@Controller('api/v1/transfers')
@RequireRoles('dispatcher')
export class TransfersController {
  constructor(
    private readonly workbench: WorkbenchService,
    private readonly cases: WorkbenchList,
  ) {}

  @Get()
  pending(@CurrentStaff() staff: StaffUser) {
    return this.cases.pendingTransfers(staff);
  }

  @Post(':id/decision')
  @HttpCode(200)
  decide(
    @Param('id', new ZodValidationPipe(z.uuid())) id: string,
    @Body(new ZodValidationPipe(decisionSchema)) body: Decision,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.workbench.decideTransfer(id, staff, body);
  }
}
