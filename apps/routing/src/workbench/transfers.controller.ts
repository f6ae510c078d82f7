import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  AcceptsLegacyFields,
  caseNoPipe,
  CurrentStaff,
  RequireRoles,
  type StaffUser,
  ZodValidationPipe,
} from '#common';
import { TransfersService } from './transfers.service.js';
import {
  decisionSchema,
  transferIdSchema,
  transferSchema,
  type Decision,
  type TransferRequest,
} from './workbench.schemas.js';

/** A unit asks, from its workbench, to hand its case to another (转办). */
@Controller('api/v1/workbench/cases')
@RequireRoles('handler', 'unit_leader')
export class CaseTransferController {
  constructor(private readonly transfers: TransfersService) {}

  @Post(':caseNo/transfer')
  @HttpCode(200)
  @RequireRoles('handler', 'unit_leader', 'dispatcher')
  @AcceptsLegacyFields({ renamed: { toUnitCode: 'unitCode' } })
  transfer(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(transferSchema)) body: TransferRequest,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.transfers.request(no, staff, body);
  }
}

/** Dispatchers of the petition bureau approve or reject transfers between units. */
@Controller('api/v1/transfers')
@RequireRoles('dispatcher')
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Get()
  pending(@CurrentStaff() staff: StaffUser) {
    return this.transfers.pending(staff);
  }

  @Post(':id/decision')
  @HttpCode(200)
  decide(
    @Param('id', new ZodValidationPipe(transferIdSchema)) id: string,
    @Body(new ZodValidationPipe(decisionSchema)) body: Decision,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.transfers.decide(id, staff, body);
  }
}
