import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderConfigReference } from './config-reference.js';

describe('the configuration reference', () => {
  it('has one row per setting with its default, or says it is required', () => {
    const table = renderConfigReference();
    assert.match(table, /\| `QUEUE_PREFIX` \| `\{xinfang\}` \| /);
    assert.match(table, /\| `JWT_SECRET` \| required \| /);
    assert.match(table, /\| `METRICS_TOKEN` \| unset \| /);
    assert.match(table, /\| `SHUTDOWN_GRACE_MS` \| `20000` \| /);
  });
});
