import { addCalendarDays, chinaDateOf, type CaseStage, type PetitionStatus } from '#common';

/** 信访工作条例 第三十五、三十六条: a request within 30 days of receiving the written opinion. */
export const REVIEW_WINDOW_DAYS = 30;

export interface PetitionOutcome {
  status: PetitionStatus;
  concludedAt: Date | null;
  reviewedAt: Date | null;
  reReviewedAt: Date | null;
}

export interface Refusal {
  code: string;
  zh: string;
  en: string;
}

export type ReviewEligibility =
  { stage: 'REVIEW' | 'RE_REVIEW'; lastDay: string } | { refusal: Refusal };

/** The reply a petitioner may evaluate now: the latest one given. */
export function latestReplyStage(outcome: PetitionOutcome): CaseStage | null {
  if (outcome.reReviewedAt) return 'RE_REVIEW';
  if (outcome.reviewedAt) return 'REVIEW';
  return outcome.concludedAt ? 'HANDLING' : null;
}

/** The last day a request may be made after a reply given at `repliedAt` (China dates). */
export function lastRequestDay(repliedAt: Date): string {
  return addCalendarDays(chinaDateOf(repliedAt), REVIEW_WINDOW_DAYS);
}

/**
 * Whether the petitioner may ask for review (复查) after the handling reply, or re-review (复核)
 * after the review reply, today; otherwise the rule that stops them, in words they can act on.
 */
export function reviewEligibility(outcome: PetitionOutcome, now: Date): ReviewEligibility {
  if (outcome.status === 'RE_REVIEWED' || outcome.status === 'NOT_ACCEPTED_AGAIN') {
    return {
      refusal: {
        code: 'CONCLUDED_BY_RE_REVIEW',
        zh: '该信访事项已经复核终结，复核意见为最终意见，不再受理复查、复核请求',
        en: 'The matter was concluded by re-review; that opinion is final and no further review is possible',
      },
    };
  }
  const step =
    outcome.status === 'CONCLUDED' && outcome.concludedAt
      ? { stage: 'REVIEW' as const, repliedAt: outcome.concludedAt, zh: '复查', reply: '处理意见' }
      : outcome.status === 'REVIEWED' && outcome.reviewedAt
        ? {
            stage: 'RE_REVIEW' as const,
            repliedAt: outcome.reviewedAt,
            zh: '复核',
            reply: '复查意见',
          }
        : null;
  if (!step) {
    return {
      refusal: {
        code: 'NO_REPLY_YET',
        zh: '只有在收到书面处理意见（或复查意见）后，才能申请复查（或复核）',
        en: 'Review can be requested only after the written reply, and re-review only after the review reply',
      },
    };
  }
  const lastDay = lastRequestDay(step.repliedAt);
  if (chinaDateOf(now) > lastDay) {
    return {
      refusal: {
        code: 'REVIEW_WINDOW_CLOSED',
        zh: `${step.zh}申请应当自收到${step.reply}之日起${REVIEW_WINDOW_DAYS}日内提出，本件期限已于${lastDay}届满`,
        en: `A ${step.stage === 'REVIEW' ? 'review' : 're-review'} must be requested within ${REVIEW_WINDOW_DAYS} days of the reply; for this case the last day was ${lastDay}`,
      },
    };
  }
  return { stage: step.stage, lastDay };
}
