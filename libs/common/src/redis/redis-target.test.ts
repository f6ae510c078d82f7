import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config/config.schema.js';
import { PersonalDataCipher } from '../personal-data/personal-data-cipher.js';
import { redisTarget, redisWhere } from './redis-target.js';

describe('REDIS_URL', () => {
  it('names one server as a URL', () => {
    assert.deepEqual(redisTarget('redis://:pw@redis:6379/2'), {
      kind: 'server',
      url: 'redis://:pw@redis:6379/2',
    });
    assert.equal(redisTarget('rediss://redis.example:6380').kind, 'server');
  });

  it('names a Sentinel set: the sentinels, the master, the database and both passwords', () => {
    assert.deepEqual(
      redisTarget(
        'redis-sentinel://:p%40ss@s1:26379,s2,[::1]:26380/mymaster/3?sentinelPassword=sp',
      ),
      {
        kind: 'sentinel',
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
          { host: '::1', port: 26380 },
        ],
        masterName: 'mymaster',
        db: 3,
        password: 'p@ss',
        sentinelPassword: 'sp',
      },
    );
    assert.deepEqual(redisTarget('redis-sentinel://u:pw@s1:26379/main'), {
      kind: 'sentinel',
      sentinels: [{ host: 's1', port: 26379 }],
      masterName: 'main',
      db: 0,
      username: 'u',
      password: 'pw',
    });
  });

  it('names a Cluster by any of its nodes', () => {
    assert.deepEqual(redisTarget('redis-cluster://:pw@n1:7000,n2:7001,n3'), {
      kind: 'cluster',
      nodes: [
        { host: 'n1', port: 7000 },
        { host: 'n2', port: 7001 },
        { host: 'n3', port: 6379 },
      ],
      password: 'pw',
    });
  });

  it('refuses what it cannot connect to, saying what is wanted', () => {
    for (const bad of [
      'http://redis:6379',
      'redis-sentinel://s1:26379',
      'redis-sentinel://s1:26379/m/x',
      'redis-cluster://n1:7000/0',
      'redis-cluster://n1:99999',
      'redis-cluster://n1:7000,,n2:7001',
    ]) {
      assert.throws(() => redisTarget(bad), /expected|master|database|host:port/, bad);
    }
  });

  it('shows the hosts and never the password', () => {
    assert.equal(redisWhere('redis://:secret@127.0.0.1'), '127.0.0.1:6379');
    assert.equal(
      redisWhere('redis-sentinel://:secret@s1:26379,s2:26379/mymaster'),
      'sentinel s1:26379,s2:26379 master mymaster',
    );
    assert.equal(redisWhere('redis-cluster://:secret@n1:7000'), 'cluster n1:7000');
  });

  it('is checked at start, and a Cluster wants a hash-tagged queue prefix', () => {
    const base = {
      JWT_SECRET: 'x'.repeat(32),
      QUERY_CODE_SECRET: 'y'.repeat(32),
      PERSONAL_DATA_KEYS: PersonalDataCipher.newKeySetting(),
      PERSONAL_DATA_HASH_KEY: 'z'.repeat(64),
    };
    assert.equal(
      loadConfig({ ...base, REDIS_URL: 'redis-cluster://n1:7000' }).QUEUE_PREFIX,
      '{xinfang}',
    );
    assert.throws(
      () => loadConfig({ ...base, REDIS_URL: 'redis-cluster://n1:7000', QUEUE_PREFIX: 'xinfang' }),
      /QUEUE_PREFIX: needs one hash tag/,
    );
    assert.equal(
      loadConfig({ ...base, REDIS_URL: 'redis://n1:7000', QUEUE_PREFIX: 'xinfang' }).QUEUE_PREFIX,
      'xinfang',
    );
    assert.throws(() => loadConfig({ ...base, REDIS_URL: 'redis-sentinel://s1' }), /REDIS_URL/);
  });
});
