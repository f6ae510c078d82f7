import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { CurrentStaff, RequireRoles, ZodValidationPipe, type StaffUser } from '#common';
import { SupervisionService } from './supervision.service.js';

const caseNo = z.string().regex(/^XF-\d{6}-\d{8}-\d{6}$/);
const issueSchema = z.strictObject({ caseNo, instructions: z.string().trim().min(5).max(2000) });
const answerSchema = z.strictObject({ answer: z.string().trim().min(5).max(5000) });

@Controller('api/v1')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  /** A supervisor of the petition bureau issues a supervision notice (督办单) on a case. */
  @Post('supervision')
  @HttpCode(201)
  @RequireRoles('supervisor')
  issue(
    @Body(new ZodValidationPipe(issueSchema)) body: z.infer<typeof issueSchema>,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.supervision.bySupervisor(staff, body.caseNo, body.instructions);
  }

  /** The supervised unit answers from its workbench. */
  @Post('workbench/cases/:caseNo/supervision/:id/answer')
  @HttpCode(200)
  @RequireRoles('handler', 'unit_leader')
  answer(
    @Param('caseNo', new ZodValidationPipe(caseNo)) no: string,
    @Param('id', new ZodValidationPipe(z.uuid())) id: string,
    @Body(new ZodValidationPipe(answerSchema)) body: z.infer<typeof answerSchema>,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.supervision.answer(staff, no, id, body.answer);
  }
}
