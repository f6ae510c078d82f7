import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextSteps, publicTimelineEntry, type CaseProgress } from './public-view.js';

const waiting: CaseProgress = {
  status: 'ASSIGNED',
  leadUnitName: '船山区住房和城乡建设局',
  openDeadlines: [{ kind: 'ACCEPTANCE', dueAt: new Date('2026-12-22T15:59:59Z') }],
  canEvaluate: false,
  reviewRequest: null,
};

describe('what the petitioner is told comes next', () => {
  it('names the unit that must act, what it owes and the China date it is due', () => {
    assert.deepEqual(nextSteps(waiting), [
      {
        code: 'AWAIT_ACCEPTANCE',
        zh: '船山区住房和城乡建设局应于2026-12-22前告知您是否受理',
        en: '船山区住房和城乡建设局 must tell you whether it accepts the matter by 2026-12-22',
      },
    ]);
    // 23:59:59 China time on the 22nd is still the 22nd, not the UTC date.
    const conclusion = nextSteps({
      ...waiting,
      status: 'ACCEPTED',
      openDeadlines: [{ kind: 'CONCLUSION', dueAt: new Date('2027-02-19T15:59:59Z') }],
    });
    assert.equal(
      conclusion[0]?.zh,
      '船山区住房和城乡建设局应于2027-02-19前作出处理意见并书面答复您',
    );
  });

  it('says the petition office decides while no unit has the case', () => {
    const steps = nextSteps({
      ...waiting,
      status: 'AWAITING_TRIAGE',
      leadUnitName: null,
      openDeadlines: [],
    });
    assert.deepEqual(
      steps.map((s) => s.code),
      ['AWAIT_ROUTING'],
    );
    const forwarding = nextSteps({
      ...waiting,
      status: 'RECEIVED',
      leadUnitName: null,
      openDeadlines: [{ kind: 'FORWARD', dueAt: new Date('2026-12-22T15:59:59Z') }],
    });
    assert.match(forwarding[0]?.zh ?? '', /^信访工作机构应于2026-12-22前转送或交办/);
  });

  it('after a reply: evaluate it, and ask for review until the last day', () => {
    const steps = nextSteps({
      ...waiting,
      status: 'CONCLUDED',
      openDeadlines: [],
      canEvaluate: true,
      reviewRequest: { stage: 'REVIEW', lastDay: '2027-01-06' },
    });
    assert.deepEqual(
      steps.map((s) => s.code),
      ['EVALUATE', 'REQUEST_REVIEW'],
    );
    assert.equal(steps[1]?.zh, '如对处理意见不服，您可以于2027-01-06前申请复查');
    const reReview = nextSteps({
      ...waiting,
      status: 'REVIEWED',
      openDeadlines: [],
      reviewRequest: { stage: 'RE_REVIEW', lastDay: '2027-02-06' },
    });
    assert.equal(reReview[0]?.zh, '如对复查意见不服，您可以于2027-02-06前申请复核');
  });

  it('says when the matter is closed, or final after re-review even while it may be evaluated', () => {
    assert.deepEqual(
      nextSteps({ ...waiting, status: 'RE_REVIEWED', openDeadlines: [], canEvaluate: true }).map(
        (s) => s.code,
      ),
      ['EVALUATE', 'FINAL'],
    );
    const closed = { ...waiting, openDeadlines: [], reviewRequest: null };
    assert.deepEqual(
      nextSteps({ ...closed, status: 'CONCLUDED' }).map((s) => s.code),
      ['CLOSED'],
    );
    assert.deepEqual(
      nextSteps({ ...closed, status: 'RE_REVIEWED' }).map((s) => s.code),
      ['FINAL'],
    );
    assert.deepEqual(
      nextSteps({ ...closed, status: 'NOT_ACCEPTED' }).map((s) => s.code),
      ['NOT_ACCEPTED'],
    );
  });
});

describe('the public timeline', () => {
  it('shows listed entries with a Chinese label, China time and public fields only', () => {
    assert.deepEqual(
      publicTimelineEntry({
        at: new Date('2026-12-07T16:30:00Z'),
        service: 'routing',
        type: 'petition.assigned',
        data: {
          unitName: '船山区住房和城乡建设局',
          role: 'LEAD',
          stage: 'HANDLING',
          rule: 'R7',
          confidence: 0.93,
        },
      }),
      {
        at: '2026-12-08T00:30:00+08:00',
        type: 'petition.assigned',
        label: '转送交办',
        data: { unitName: '船山区住房和城乡建设局', role: 'LEAD', stage: 'HANDLING' },
      },
    );
    assert.equal(
      publicTimelineEntry({
        at: new Date(),
        service: 'routing',
        type: 'classification.made',
        data: {},
      }),
      null,
    );
  });
});
