import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decisionBinds,
  deadlineState,
  refusalOf,
  returnRefusal,
  type AssignmentState,
} from './case-workflow.js';

const assigned: AssignmentState = {
  status: 'ASSIGNED',
  stage: 'HANDLING',
  role: 'LEAD',
  forwarding: false,
};

describe('case workflow', () => {
  it('lets a lead unit accept, decline or return a case it has not decided yet', () => {
    for (const action of ['ACCEPT', 'DECLINE', 'RETURN', 'TRANSFER'] as const) {
      assert.equal(refusalOf(action, assigned), null, action);
    }
    assert.equal(refusalOf('CONCLUDE', assigned)?.code, 'INVALID_TRANSITION');
    assert.equal(refusalOf('EXTEND', assigned)?.code, 'INVALID_TRANSITION');
  });

  it('refuses to accept a concluded or already accepted case, naming its state', () => {
    const concluded = refusalOf('ACCEPT', { ...assigned, status: 'CONCLUDED' });
    assert.ok(concluded);
    assert.equal(concluded.code, 'INVALID_TRANSITION');
    assert.match(concluded.zh, /已办结.*不能受理/);
    assert.equal(
      refusalOf('ACCEPT', { ...assigned, status: 'ACCEPTED' })?.code,
      'INVALID_TRANSITION',
    );
  });

  it('concludes and extends only accepted cases; extends only in first handling', () => {
    const accepted = { ...assigned, status: 'ACCEPTED' } as const;
    assert.equal(refusalOf('CONCLUDE', accepted), null);
    assert.equal(refusalOf('EXTEND', accepted), null);
    assert.equal(refusalOf('EXTEND', { ...accepted, stage: 'REVIEW' })?.code, 'NOT_IN_THIS_STAGE');
    assert.equal(refusalOf('CONCLUDE', { ...accepted, stage: 'RE_REVIEW' }), null);
  });

  it('keeps co-handlers and forwarding bureaus to their part', () => {
    assert.equal(refusalOf('ACCEPT', { ...assigned, role: 'CO_HANDLER' })?.code, 'NOT_LEAD_UNIT');
    const bureau = { ...assigned, forwarding: true };
    assert.equal(refusalOf('ACCEPT', bureau)?.code, 'FORWARDING_ONLY');
    assert.equal(refusalOf('TRANSFER', bureau), null);
  });

  it('colours deadlines green, yellow within 3 days, red when overdue', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);
    assert.equal(deadlineState(inDays(10), now), 'GREEN');
    assert.equal(deadlineState(inDays(3.5), now), 'GREEN');
    assert.equal(deadlineState(inDays(3), now), 'YELLOW');
    assert.equal(deadlineState(inDays(0.1), now), 'YELLOW');
    assert.equal(deadlineState(inDays(-0.1), now), 'RED');
  });

  it('lets a case be returned twice; after that the petition bureau decision binds', () => {
    assert.equal(returnRefusal(0), null);
    assert.equal(returnRefusal(1), null);
    assert.equal(returnRefusal(2)?.code, 'RETURN_LIMIT_REACHED');
    assert.match(returnRefusal(2)?.zh ?? '', /已被退回2次/);
    assert.deepEqual([0, 1, 2, 3].map(decisionBinds), [false, false, true, true]);
  });
});
