import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiError, Transactions } from '#common';
import { Petition } from '../database/petition.entity.js';
import { CaseLookup } from '../petitions/case-lookup.service.js';
import { insertEvaluation, insertReviewRequest } from './feedback.repository.js';
import type { EvaluationRequest, ReviewRequest } from './feedback.schemas.js';
import { latestReplyStage, reviewEligibility, type Refusal } from './review-window.js';

const refuse = (status: HttpStatus, refusal: Refusal) =>
  new ApiError(status, refusal.code, { zh: refusal.zh, en: refusal.en });

/** What a petitioner does after a reply: evaluate it once, ask for review or re-review in time. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly transactions: Transactions,
    private readonly lookup: CaseLookup,
  ) {}

  async evaluate(caseNo: string, queryCode: string, body: EvaluationRequest) {
    const { id } = await this.lookup.forPetitioner(caseNo, queryCode);
    return this.transactions.run(async (tx) => {
      const petition = await this.lock(tx.manager, id);
      const stage = latestReplyStage(petition);
      if (!stage) {
        throw refuse(HttpStatus.CONFLICT, {
          code: 'NO_REPLY_YET',
          zh: '收到书面答复后才能评价',
          en: 'A reply can be evaluated once it has been given',
        });
      }
      const inserted = await insertEvaluation(tx.manager, {
        petitionId: id,
        stage,
        evaluation: body.evaluation,
        comment: body.comment ?? null,
      });
      if (!inserted) {
        throw refuse(HttpStatus.CONFLICT, {
          code: 'ALREADY_EVALUATED',
          zh: '每份答复只能评价一次，您已评价过',
          en: 'Each reply can be evaluated once, and this one already was',
        });
      }
      await tx.publish('reply.evaluated', {
        petitionId: id,
        caseNo,
        stage,
        evaluation: body.evaluation,
      });
      await tx.recordTimeline({
        petitionId: id,
        type: 'reply.evaluated',
        visibleToPetitioner: true,
        data: { stage, evaluation: body.evaluation },
      });
      return { caseNo, stage, evaluation: body.evaluation };
    });
  }

  async requestReview(caseNo: string, queryCode: string, body: ReviewRequest, now = new Date()) {
    const { id } = await this.lookup.forPetitioner(caseNo, queryCode);
    return this.transactions.run(async (tx) => {
      const petition = await this.lock(tx.manager, id);
      const eligibility = reviewEligibility(petition, now);
      if ('refusal' in eligibility) {
        const status =
          eligibility.refusal.code === 'REVIEW_WINDOW_CLOSED'
            ? HttpStatus.UNPROCESSABLE_ENTITY
            : HttpStatus.CONFLICT;
        throw refuse(status, eligibility.refusal);
      }
      const { stage } = eligibility;
      const inserted = await insertReviewRequest(tx.manager, {
        petitionId: id,
        stage,
        reason: body.reason,
        requestedAt: now,
      });
      if (!inserted) {
        throw refuse(HttpStatus.CONFLICT, {
          code: 'ALREADY_REQUESTED',
          zh:
            stage === 'REVIEW'
              ? '已提出复查申请，请等待复查意见'
              : '已提出复核申请，请等待复核意见',
          en: 'This request was already made; its opinion is on the way',
        });
      }
      await tx.publish('review.requested', {
        petitionId: id,
        caseNo,
        stage,
        requestedAt: now.toISOString(),
      });
      await tx.recordTimeline({
        petitionId: id,
        type: 'review.requested',
        occurredAt: now,
        visibleToPetitioner: true,
        data: { stage },
      });
      return { caseNo, stage, requestedAt: now };
    });
  }

  private async lock(manager: EntityManager, id: string) {
    const petition = await manager.findOne(Petition, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!petition) throw new Error(`petition ${id} vanished`);
    return petition;
  }
}
