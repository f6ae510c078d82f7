import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bureauCovers, territoryPrefix } from './territory.js';

describe('territoryPrefix', () => {
  it('covers the prefecture, the county or the township a unit serves', () => {
    assert.equal(territoryPrefix({ level: 'PREFECTURE', divisionCode: '510900' }), '5109');
    assert.equal(territoryPrefix({ level: 'COUNTY', divisionCode: '510903' }), '510903');
    assert.equal(territoryPrefix({ level: 'TOWNSHIP', divisionCode: '510903012' }), '510903012');
  });

  it('lets a petition bureau answer for the places of its territory only', () => {
    const county = { kind: 'PETITION_BUREAU', level: 'COUNTY', divisionCode: '510903' } as const;
    const city = { kind: 'PETITION_BUREAU', level: 'PREFECTURE', divisionCode: '510900' } as const;
    assert.ok(bureauCovers(county, '510903012'));
    assert.ok(!bureauCovers(county, '510921'));
    assert.ok(bureauCovers(city, '510921'));
    assert.ok(!bureauCovers({ ...county, kind: 'DEPARTMENT' }, '510903'));
    assert.ok(!bureauCovers(null, '510903'));
  });
});
