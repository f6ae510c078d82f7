import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.schema.js';

const secrets = {
  JWT_SECRET: 'j'.repeat(32),
  QUERY_CODE_SECRET: 'q'.repeat(32),
  PERSONAL_DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  PERSONAL_DATA_HASH_KEY: 'h'.repeat(32),
};

describe('configuration', () => {
  it('fills defaults for local servers and standard ports', () => {
    const config = loadConfig(secrets);
    assert.equal(config.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/xinfang');
    assert.equal(config.REDIS_URL, 'redis://127.0.0.1:6379');
    assert.equal(config.QUEUE_PREFIX, '{xinfang}');
    assert.deepEqual(
      [config.INTAKE_PORT, config.ROUTING_PORT, config.NOTIFY_PORT],
      [3001, 3002, 3003],
    );
  });

  it('names every missing or malformed setting', () => {
    assert.throws(
      () =>
        loadConfig({
          JWT_SECRET: 'short',
          REDIS_URL: 'http://x',
          INTAKE_PORT: '70000',
          PERSONAL_DATA_KEYS: 'k1:c2hvcnQ=',
        }),
      (error: Error) =>
        error instanceof ConfigError &&
        [
          'JWT_SECRET',
          'QUERY_CODE_SECRET',
          'REDIS_URL',
          'INTAKE_PORT',
          'PERSONAL_DATA_KEYS',
          'PERSONAL_DATA_HASH_KEY',
        ].every((name) => error.message.includes(name)),
    );
  });

  it('reads numbers and enums from strings', () => {
    const config = loadConfig({ ...secrets, ROUTING_PORT: '4002', OUTBOX_RELAY: 'off' });
    assert.equal(config.ROUTING_PORT, 4002);
    assert.equal(config.OUTBOX_RELAY, 'off');
  });
});
