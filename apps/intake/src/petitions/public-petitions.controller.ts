import { Body, Controller, Get, Headers, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { caseNoPipe, Public, ZodValidationPipe } from '#common';
import { PhoneVerifications } from '../verification/phone-verifications.service.js';
import { CaseViewService } from './case-view.service.js';
import {
  phoneVerificationSchema,
  publicSubmissionSchema,
  queryCodeSchema,
  type PublicSubmission,
  type QueryCode,
} from './petition.schemas.js';
import { PetitionerFailures } from './petitioner-failures.service.js';
import { PublicSubmissions } from './public-submissions.service.js';

/**
 * What petitioners use without an account: verify their phone, submit online, then follow the
 * case with the query code. The client IP is the proxy's word only for TRUST_PROXY proxies.
 */
@Public()
@Controller('api/v1/public')
export class PublicPetitionsController {
  constructor(
    private readonly submissions: PublicSubmissions,
    private readonly phones: PhoneVerifications,
    private readonly cases: CaseViewService,
    private readonly failures: PetitionerFailures,
  ) {}

  /** A six-digit code is texted to the phone, for the petition that names it. */
  @Post('phone-verifications')
  @HttpCode(202)
  requestCode(
    @Body(new ZodValidationPipe(phoneVerificationSchema)) body: { phone: string },
    @Ip() clientIp: string,
  ) {
    return this.phones.request(body.phone, clientIp);
  }

  @Post('petitions')
  @HttpCode(201)
  submit(
    @Body(new ZodValidationPipe(publicSubmissionSchema)) body: PublicSubmission,
    @Ip() clientIp: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.submissions.submit(body, clientIp, idempotencyKey);
  }

  @Get('petitions/:caseNo')
  track(
    @Param('caseNo', caseNoPipe) caseNo: string,
    @Query(new ZodValidationPipe(queryCodeSchema)) query: QueryCode,
    @Ip() clientIp: string,
  ) {
    return this.failures.guard(caseNo, clientIp, () =>
      this.cases.forPetitioner(caseNo, query.queryCode),
    );
  }
}
