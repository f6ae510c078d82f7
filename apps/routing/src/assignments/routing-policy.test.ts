import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoDirectory } from '../units/demo-directory.js';
import { decideRoute, type RoutingDecision } from './routing-policy.js';

const units = demoDirectory();
const summary = (d: RoutingDecision) =>
  d.outcome === 'assign' ? [d.unit.code, d.rule] : [d.outcome, d.reason];

describe('the first routing rules', () => {
  it('send a categorised petition to the county department that leads on it', () => {
    const decision = decideRoute(
      { divisionCode: '510981001', category: 'LABOR_SOCIAL_SECURITY' },
      units,
    );
    assert.deepEqual(summary(decision), ['510981-RSJ', 'CATEGORY_LEAD_DEPARTMENT']);
  });

  it('send an uncategorised petition to the petition bureau of the county where it arose', () => {
    const decision = decideRoute({ divisionCode: '510903012', category: null }, units);
    assert.deepEqual(summary(decision), ['510903-XFJ', 'TERRITORY_PETITION_BUREAU']);
  });

  it('fall back to the prefecture bureau, and to a person when there is no unit at all', () => {
    const prefectureOnly = units.filter((u) => u.divisionCode === '510900');
    const decision = decideRoute({ divisionCode: '510921', category: null }, prefectureOnly);
    assert.deepEqual(summary(decision), ['510900-XFJ', 'PREFECTURE_PETITION_BUREAU']);
    assert.deepEqual(decideRoute({ divisionCode: '510921', category: null }, []), {
      outcome: 'triage',
      reason: 'NO_UNIT_FOR_TERRITORY',
    });
  });
});
