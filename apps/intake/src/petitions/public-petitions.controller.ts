import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public, ZodValidationPipe } from '#common';
import { CaseViewService } from './case-view.service.js';
import { idempotencyClaim } from './idempotency.js';
import {
  caseNoSchema,
  publicSubmissionSchema,
  queryCodeSchema,
  type PublicSubmission,
} from './petition.schemas.js';
import { RegistrationService } from './registration.service.js';

/** What petitioners use without an account: submit online, then follow the case with the query code. */
@Public()
@Controller('api/v1/public/petitions')
export class PublicPetitionsController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly cases: CaseViewService,
  ) {}

  @Post()
  @HttpCode(201)
  submit(
    @Body(new ZodValidationPipe(publicSubmissionSchema)) body: PublicSubmission,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.registration.register(
      { ...body, channel: 'ONLINE', receivedAt: new Date() },
      idempotencyClaim(idempotencyKey, 'public', body),
    );
  }

  @Get(':caseNo')
  @UseGuards(ThrottlerGuard)
  track(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @Query(new ZodValidationPipe(queryCodeSchema)) query: { queryCode: string },
  ) {
    return this.cases.forPetitioner(caseNo, query.queryCode);
  }
}
