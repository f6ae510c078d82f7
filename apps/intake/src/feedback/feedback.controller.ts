import { Body, Controller, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { AcceptsLegacyFields, caseNoPipe, Public, ZodValidationPipe } from '#common';
import { queryCodeSchema, type QueryCode } from '../petitions/petition.schemas.js';
import { PetitionerFailures } from '../petitions/petitioner-failures.service.js';
import {
  evaluationSchema,
  reviewRequestSchema,
  type EvaluationRequest,
  type ReviewRequest,
} from './feedback.schemas.js';
import { FeedbackService } from './feedback.service.js';

const queryCode = new ZodValidationPipe(queryCodeSchema);

/**
 * The petitioner's answers to a reply, with the query code as their key: in the query string,
 * as for tracking and uploads (releases before 2026-12 took it in the body, still accepted).
 */
@Public()
@AcceptsLegacyFields({ movedToQuery: ['queryCode'] })
@Controller('api/v1/public/petitions/:caseNo')
export class FeedbackController {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly failures: PetitionerFailures,
  ) {}

  /** 满意度评价: once per reply. */
  @Post('evaluation')
  @HttpCode(201)
  evaluate(
    @Param('caseNo', caseNoPipe) caseNo: string,
    @Query(queryCode) query: QueryCode,
    @Body(new ZodValidationPipe(evaluationSchema)) body: EvaluationRequest,
    @Ip() clientIp: string,
  ) {
    return this.failures.guard(caseNo, clientIp, () =>
      this.feedback.evaluate(caseNo, query.queryCode, body),
    );
  }

  /** 复查 after the reply, 复核 after the review opinion; each within 30 days. */
  @Post('review-requests')
  @HttpCode(201)
  requestReview(
    @Param('caseNo', caseNoPipe) caseNo: string,
    @Query(queryCode) query: QueryCode,
    @Body(new ZodValidationPipe(reviewRequestSchema)) body: ReviewRequest,
    @Ip() clientIp: string,
  ) {
    return this.failures.guard(caseNo, clientIp, () =>
      this.feedback.requestReview(caseNo, query.queryCode, body),
    );
  }
}
