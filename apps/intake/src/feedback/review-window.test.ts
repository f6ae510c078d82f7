import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestReplyStage, reviewEligibility, type PetitionOutcome } from './review-window.js';

const repliedAt = new Date('2026-11-01T10:00:00+08:00');
const concluded: PetitionOutcome = {
  status: 'CONCLUDED',
  concludedAt: repliedAt,
  reviewedAt: null,
  reReviewedAt: null,
};
const at = (iso: string) => new Date(iso);

describe('review window', () => {
  it('allows review up to the 30th day after the reply, China time', () => {
    assert.deepEqual(reviewEligibility(concluded, at('2026-12-01T23:59:00+08:00')), {
      stage: 'REVIEW',
      lastDay: '2026-12-01',
    });
    const late = reviewEligibility(concluded, at('2026-12-02T00:00:30+08:00'));
    assert.ok('refusal' in late);
    assert.equal(late.refusal.code, 'REVIEW_WINDOW_CLOSED');
    assert.match(late.refusal.zh, /30日内.*2026-12-01届满/);
  });

  it('asks for re-review only after the review reply, and never after re-review', () => {
    const reviewed = { ...concluded, status: 'REVIEWED', reviewedAt: repliedAt } as const;
    const eligibility = reviewEligibility(reviewed, at('2026-11-20T00:00:00+08:00'));
    assert.ok('stage' in eligibility);
    assert.equal(eligibility.stage, 'RE_REVIEW');
    const inReview = reviewEligibility({ ...concluded, status: 'IN_REVIEW' }, repliedAt);
    assert.ok('refusal' in inReview);
    assert.equal(inReview.refusal.code, 'NO_REPLY_YET');
    const final = reviewEligibility({ ...reviewed, status: 'RE_REVIEWED' }, repliedAt);
    assert.ok('refusal' in final);
    assert.equal(final.refusal.code, 'CONCLUDED_BY_RE_REVIEW');
  });

  it('refuses a request before any reply', () => {
    const open = { ...concluded, status: 'ACCEPTED', concludedAt: null } as const;
    const result = reviewEligibility(open, repliedAt);
    assert.ok('refusal' in result);
    assert.equal(result.refusal.code, 'NO_REPLY_YET');
  });

  it('evaluates the latest reply', () => {
    assert.equal(latestReplyStage({ ...concluded, concludedAt: null }), null);
    assert.equal(latestReplyStage(concluded), 'HANDLING');
    assert.equal(latestReplyStage({ ...concluded, reviewedAt: repliedAt }), 'REVIEW');
  });
});
