import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from './notification-delivery.service.js';

describe('notification retries', () => {
  it('wait between half and all of a ceiling that doubles after each failure', () => {
    const ceilings = [60_000, 120_000, 240_000, 480_000, 960_000];
    ceilings.forEach((ceiling, index) => {
      const failed = index + 1;
      assert.equal(
        retryDelayMs(60_000, failed, () => 0),
        ceiling / 2,
      );
      assert.equal(
        retryDelayMs(60_000, failed, () => 1),
        ceiling,
      );
      assert.equal(
        retryDelayMs(60_000, failed, () => 0.5),
        (ceiling * 3) / 4,
      );
    });
  });

  it('spreads notices that failed together over the interval (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(60_000, 3)));
    assert.ok(delays.size > 40, `${delays.size} different delays`);
    for (const delay of delays) assert.ok(delay >= 120_000 && delay <= 240_000);
  });
});
