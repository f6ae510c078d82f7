import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { caseNoPipe, CurrentStaff, RequireRoles, type StaffUser, ZodValidationPipe } from '#common';
import { ExtensionsService } from './extensions.service.js';
import {
  decisionSchema,
  extensionSchema,
  type Decision,
  type ExtensionRequest,
} from './workbench.schemas.js';

/** A unit asks for more time on its case (延期), and its leader decides. */
@Controller('api/v1/workbench/cases')
@RequireRoles('handler', 'unit_leader')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  @Post(':caseNo/extension')
  @HttpCode(200)
  requestExtension(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(extensionSchema)) body: ExtensionRequest,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.extensions.request(no, staff, body);
  }

  @Post(':caseNo/extension/decision')
  @HttpCode(200)
  @RequireRoles('unit_leader')
  decideExtension(
    @Param('caseNo', caseNoPipe) no: string,
    @Body(new ZodValidationPipe(decisionSchema)) body: Decision,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.extensions.decide(no, staff, body);
  }
}
