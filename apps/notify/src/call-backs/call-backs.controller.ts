import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CurrentStaff, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import {
  callBackQuerySchema,
  callMadeSchema,
  type CallBackQuery,
  type CallMade,
} from './call-backs.schemas.js';
import { CallBacksService } from './call-backs.service.js';

const id = new ZodValidationPipe(z.uuid());

/** The call-back list of the registering unit: registrars, dispatchers, admins. */
@Controller('api/v1/call-backs')
@RequireRoles('registrar', 'dispatcher', 'admin')
export class CallBacksController {
  constructor(private readonly callBacks: CallBacksService) {}

  @Get()
  list(
    @Query(new ZodValidationPipe(callBackQuerySchema)) query: CallBackQuery,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.callBacks.list(staff, query);
  }

  /** Shows the phone: recorded on the audit trail. */
  @Get(':id')
  open(@Param('id', id) callBackId: string, @CurrentStaff() staff: StaffUser) {
    return this.callBacks.open(staff, callBackId);
  }

  @Post(':id/done')
  @HttpCode(200)
  done(
    @Param('id', id) callBackId: string,
    @Body(new ZodValidationPipe(callMadeSchema)) call: CallMade,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.callBacks.made(staff, callBackId, call);
  }
}
