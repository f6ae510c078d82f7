import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { caseNoPipe, CurrentStaff, RequireRoles, type StaffUser, ZodValidationPipe } from '#common';
import { caseSearchSchema, type CaseSearch } from './case-search.schemas.js';
import { CaseSearchService } from './case-search.service.js';
import { CaseViewService } from './case-view.service.js';
import { CollectiveClaims } from './collective-claims.service.js';
import { idempotencyClaim } from './idempotency.js';
import {
  repeatCheckSchema,
  staffRegistrationSchema,
  type RepeatCheckRequest,
  type StaffRegistration,
} from './petition.schemas.js';
import { RegistrationService } from './registration.service.js';
import { RepeatCheck } from './repeat-check.service.js';

@Controller('api/v1/petitions')
export class StaffPetitionsController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly cases: CaseViewService,
    private readonly search: CaseSearchService,
    private readonly collectives: CollectiveClaims,
    private readonly repeatCheck: RepeatCheck,
  ) {}

  /** The caller's cases: filter by status, channel, nature, category, territory, dates, text. */
  @Get()
  list(
    @Query(new ZodValidationPipe(caseSearchSchema)) filters: CaseSearch,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.search.search(staff, filters);
  }

  /** A registrar registers a letter, visit, call or transferred petition; returns the receipt. */
  @Post()
  @HttpCode(201)
  @RequireRoles('registrar')
  register(
    @Body(new ZodValidationPipe(staffRegistrationSchema)) body: StaffRegistration,
    @CurrentStaff() staff: StaffUser,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const { transfer, receivedAt, ...petition } = body;
    return this.registration.register(
      {
        ...petition,
        receivedAt: receivedAt ?? new Date(),
        transfer: transfer && { ...transfer, reportBackDueOn: transfer.reportBackDueOn ?? null },
        registeredBy: { userId: staff.id, unitCode: staff.unitCode },
      },
      idempotencyClaim(idempotencyKey, `staff:${staff.id}`, body),
    );
  }

  /** Before registering: the earlier case this matter of these people would be linked to. */
  @Post('repeat-check')
  @HttpCode(200)
  @RequireRoles('registrar')
  checkRepeat(
    @Body(new ZodValidationPipe(repeatCheckSchema)) body: RepeatCheckRequest,
    @CurrentStaff() staff: StaffUser,
  ) {
    return this.repeatCheck.check(body, staff);
  }

  /**
   * A registrar or dispatcher confirms that an online petition's 5+ people are a collective
   * petition: only then are the duty leaders paged.
   */
  @Post(':caseNo/collective-confirmation')
  @HttpCode(200)
  @RequireRoles('registrar', 'dispatcher')
  confirmCollective(@Param('caseNo', caseNoPipe) caseNo: string, @CurrentStaff() staff: StaffUser) {
    return this.collectives.confirm(caseNo, staff);
  }

  /** The whole state of a case: petition, status, assignments, deadlines, notifications, timeline. */
  @Get(':caseNo')
  show(@Param('caseNo', caseNoPipe) caseNo: string, @CurrentStaff() staff: StaffUser) {
    return this.cases.forStaff(caseNo, staff);
  }
}
