import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { territoryPrefix } from './territory.js';

describe('territoryPrefix', () => {
  it('covers the prefecture, the county or the township a unit serves', () => {
    assert.equal(territoryPrefix({ level: 'PREFECTURE', divisionCode: '510900' }), '5109');
    assert.equal(territoryPrefix({ level: 'COUNTY', divisionCode: '510903' }), '510903');
    assert.equal(territoryPrefix({ level: 'TOWNSHIP', divisionCode: '510903012' }), '510903012');
  });
});
