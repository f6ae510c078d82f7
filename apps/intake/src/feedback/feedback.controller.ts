import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Public, ZodValidationPipe } from '#common';
import { caseNoSchema } from '../petitions/petition.schemas.js';
import {
  evaluationSchema,
  reviewRequestSchema,
  type EvaluationRequest,
  type ReviewRequest,
} from './feedback.schemas.js';
import { FeedbackService } from './feedback.service.js';

/** The petitioner's answers to a reply, with the query code as their key. */
@Public()
@UseGuards(ThrottlerGuard)
@Controller('api/v1/public/petitions/:caseNo')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  /** 满意度评价: once per reply. */
  @Post('evaluation')
  @HttpCode(201)
  evaluate(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @Body(new ZodValidationPipe(evaluationSchema)) body: EvaluationRequest,
  ) {
    return this.feedback.evaluate(caseNo, body);
  }

  /** 复查 after the reply, 复核 after the review opinion; each within 30 days. */
  @Post('review-requests')
  @HttpCode(201)
  requestReview(
    @Param('caseNo', new ZodValidationPipe(caseNoSchema)) caseNo: string,
    @Body(new ZodValidationPipe(reviewRequestSchema)) body: ReviewRequest,
  ) {
    return this.feedback.requestReview(caseNo, body);
  }
}
