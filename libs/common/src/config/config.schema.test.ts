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

  it('delivers to the log unless a provider is chosen, and asks for what a chosen one needs', () => {
    const config = loadConfig({ ...secrets, SMTP_URL: '' });
    assert.equal(config.SMS_PROVIDER, 'log');
    assert.equal(config.SMTP_URL, undefined);
    assert.throws(
      () => loadConfig({ ...secrets, SMS_PROVIDER: 'smpp', SMTP_URL: 'smtp://127.0.0.1:25' }),
      (error: Error) =>
        ['SMPP_URL', 'SMPP_SYSTEM_ID', 'SMPP_PASSWORD', 'MAIL_FROM'].every((name) =>
          error.message.includes(`${name}: required with`),
        ),
    );
    assert.throws(
      () => loadConfig({ ...secrets, SMS_PROVIDER: 'tencent', TENCENT_SECRET_ID: 'id' }),
      (error: Error) =>
        error.message.includes('SMS_TEMPLATE_MAP') && !error.message.includes('TENCENT_SECRET_ID'),
    );
  });

  it('reads the SMS template map as JSON and rejects any other shape', () => {
    const config = loadConfig({
      ...secrets,
      SMS_TEMPLATE_MAP: '{"petition.receipt":{"code":"SMS_1","params":["caseNo","queryCode"]}}',
    });
    assert.deepEqual(config.SMS_TEMPLATE_MAP, {
      'petition.receipt': { code: 'SMS_1', params: ['caseNo', 'queryCode'] },
    });
    for (const bad of ['{', '{"petition.receipt":"SMS_1"}']) {
      assert.throws(() => loadConfig({ ...secrets, SMS_TEMPLATE_MAP: bad }), /SMS_TEMPLATE_MAP/);
    }
  });

  it('asks for what a fall-back SMS provider needs, and refuses the first one as its own fall-back', () => {
    assert.throws(
      () => loadConfig({ ...secrets, SMS_FALLBACK_PROVIDER: 'aliyun' }),
      (error: Error) =>
        error.message.includes('ALIYUN_ACCESS_KEY_ID: required with SMS_FALLBACK_PROVIDER=aliyun'),
    );
    assert.throws(
      () => loadConfig({ ...secrets, SMS_FALLBACK_PROVIDER: 'log' }),
      /SMS_FALLBACK_PROVIDER: must differ from SMS_PROVIDER/,
    );
    const config = loadConfig({ ...secrets, SMS_FALLBACK_PROVIDER: '' });
    assert.equal(config.SMS_FALLBACK_PROVIDER, undefined);
  });

  it('reads quiet hours and reminder offsets, and refuses malformed ones', () => {
    const config = loadConfig(secrets);
    assert.equal(config.QUIET_HOURS, '22:00-08:00');
    assert.equal(config.REMINDER_OFFSETS, '3w,1d,0d');
    assert.equal(loadConfig({ ...secrets, QUIET_HOURS: 'off' }).QUIET_HOURS, 'off');
    assert.throws(() => loadConfig({ ...secrets, QUIET_HOURS: '22-8' }), /QUIET_HOURS/);
    assert.throws(() => loadConfig({ ...secrets, REMINDER_OFFSETS: '3 days' }), /REMINDER_OFFSETS/);
  });
});
