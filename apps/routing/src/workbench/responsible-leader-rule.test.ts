import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leaderlessMajorCaseRefusal, mayLeadCase } from './responsible-leader-rule.js';

describe('responsible leader rule (包案领导)', () => {
  it('refuses to conclude a major case without its responsible leader', () => {
    const refusal = leaderlessMajorCaseRefusal({
      majorReasons: ['COLLECTIVE'],
      responsibleLeaderId: null,
    });
    assert.equal(refusal?.code, 'RESPONSIBLE_LEADER_REQUIRED');
  });

  it('lets a major case with its leader, and any other case, be concluded', () => {
    const leader = '6f1c3f64-3f0e-4a43-9d3c-2a4f0f9a1b11';
    assert.equal(
      leaderlessMajorCaseRefusal({ majorReasons: ['REPEATED'], responsibleLeaderId: leader }),
      null,
    );
    assert.equal(leaderlessMajorCaseRefusal({ majorReasons: [], responsibleLeaderId: null }), null);
  });

  it('names only a leader of the unit itself', () => {
    assert.ok(mayLeadCase({ unitCode: '510903-01', roles: ['unit_leader'] }, '510903-01'));
    assert.ok(!mayLeadCase({ unitCode: '510903-01', roles: ['handler'] }, '510903-01'));
    assert.ok(!mayLeadCase({ unitCode: '510903-02', roles: ['unit_leader'] }, '510903-01'));
    assert.ok(!mayLeadCase(null, '510903-01'));
  });
});
