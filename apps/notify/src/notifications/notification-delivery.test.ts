import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from './notification-delivery.js';

describe('notification retries', () => {
  it('wait the base delay after the first failure and twice as long after each next one', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((failed) => retryDelayMs(60_000, failed)),
      [60_000, 120_000, 240_000, 480_000, 960_000],
    );
  });
});
