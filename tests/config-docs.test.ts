import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { operationsDocWithConfig } from './support/config-docs.js';

describe('docs/operations.md', () => {
  it('has the configuration reference of the current config schema', async () => {
    const { current, generated } = await operationsDocWithConfig();
    assert.equal(current, generated, 'run `npm run docs:config`');
  });
});
