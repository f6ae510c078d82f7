import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from '#common';
import { login, request, samplePetition } from '../support/http.js';
import { smsCodeFor } from '../support/phone-codes.js';
import { withSystem } from '../support/system.js';
import { TestSmsc } from '../support/test-smsc.js';

interface ErrorBody {
  code: string;
  errors?: { field: string; code: string; messages: { zh: string; en: string } }[];
}

const person = (phone: string) => ({ name: '周红梅', idNumber: '510903198809010006', phone });
/** Each test is its own client (X-Forwarded-For through the trusted local proxy). */
const client = (ip: string) => ({ 'x-forwarded-for': ip });

describe('online petitions verify the phone by an SMS code', { timeout: 240_000 }, () => {
  const smsc = new TestSmsc();
  const sut = withSystem({
    demo: true,
    servers: [smsc],
    settings: () => ({
      PHONE_VERIFICATION: 'required',
      TRUST_PROXY: '127.0.0.1,::1',
      PHONE_CODES_PER_PHONE_PER_DAY: '3',
      PHONE_CODES_PER_IP_PER_HOUR: '4',
    }),
  });
  let redis: Redis;

  const submit = (
    phone: string,
    code: string | undefined,
    ip: string,
    title = '锦绣华庭逾期不交房',
  ) =>
    request<ErrorBody & { caseNo: string; queryCode: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      {
        headers: client(ip),
        body: samplePetition({
          title,
          petitioners: [{ ...person(phone), ...(code && { verificationCode: code }) }],
        }),
      },
    );
  const petitions = async () =>
    (await sut.env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intake.petition'))
      .rows[0]?.n;
  const fieldError = (body: ErrorBody) => body.errors?.[0];

  before(() => {
    redis = new Redis(sut.env.config.REDIS_URL);
  });

  after(() => {
    redis.disconnect();
  });

  it('requires the code unless configured otherwise, and refuses "off" in production', () => {
    const { PHONE_VERIFICATION: _off, ...settings } = sut.env.env;
    assert.equal(loadConfig(settings).PHONE_VERIFICATION, 'required');
    assert.equal(loadConfig({ ...settings, PHONE_VERIFICATION: 'off' }).PHONE_VERIFICATION, 'off');
    assert.throws(
      () => loadConfig({ ...settings, NODE_ENV: 'production', PHONE_VERIFICATION: 'off' }),
      (error: Error) => error instanceof ConfigError && /PHONE_VERIFICATION/.test(error.message),
    );
  });

  it('refuses an online petition without the code, naming the field in both languages', async () => {
    const count = await petitions();
    const refused = await submit('13700002001', undefined, '203.0.113.1');
    assert.equal(refused.status, 400);
    const error = fieldError(refused.body);
    assert.equal(error?.field, 'petitioners[0].verificationCode');
    assert.equal(error.code, 'verification_code_required');
    assert.ok(error.messages.zh && error.messages.en);
    assert.equal(await petitions(), count, 'nothing registered, so nothing texted');
  });

  it('texts a code that is stored as a keyed hash, travels sealed and works once', async () => {
    const phone = '13700002002';
    const code = await smsCodeFor(sut.system.intake.url, smsc, phone, client('203.0.113.2'));
    const { rows } = await sut.env.db.query<Record<string, unknown>>(
      `SELECT * FROM intake.phone_verification`,
    );
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(phone), 'no phone in clear');
    assert.ok(!stored.includes(`"${code}"`), 'no code in clear');
    const { rows: jobs } = await sut.env.db.query<{ payload: object }>(
      `SELECT payload FROM intake.outbox WHERE job_name = 'phone.verification-requested'`,
    );
    assert.equal(jobs.length, 1);
    const payload = JSON.stringify(jobs[0]?.payload);
    assert.ok(!payload.includes(phone) && !payload.includes(code), payload);

    const accepted = await submit(phone, code, '203.0.113.2');
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    assert.deepEqual(Object.keys(accepted.body).sort(), ['caseNo', 'queryCode']);
    const again = await submit(phone, code, '203.0.113.2', '锦绣华庭还是不交房');
    assert.equal(again.status, 400);
    assert.equal(fieldError(again.body)?.code, 'verification_code_expired');
  });

  it('kills a code after five wrong tries', async () => {
    const phone = '13700002003';
    const code = await smsCodeFor(sut.system.intake.url, smsc, phone, client('203.0.113.3'));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const tried = await submit(phone, wrong, '203.0.113.3');
      assert.equal(tried.status, 400);
      assert.equal(fieldError(tried.body)?.code, 'verification_code_wrong');
    }
    const right = await submit(phone, code, '203.0.113.3');
    assert.equal(right.status, 400);
    assert.equal(fieldError(right.body)?.code, 'verification_code_expired');
  });

  it('refuses a code past its five minutes', async () => {
    const phone = '13700002004';
    const code = await smsCodeFor(sut.system.intake.url, smsc, phone, client('203.0.113.4'));
    const { rows } = await sut.env.db.query<{ minutes: number }>(
      `SELECT extract(epoch FROM expires_at - created_at)::int / 60 AS minutes
       FROM intake.phone_verification ORDER BY created_at DESC LIMIT 1`,
    );
    assert.equal(rows[0]?.minutes, 5);
    await sut.env.db.query(
      `UPDATE intake.phone_verification SET expires_at = now() - interval '1 second'`,
    );
    const late = await submit(phone, code, '203.0.113.4');
    assert.equal(late.status, 400);
    assert.equal(fieldError(late.body)?.code, 'verification_code_expired');
  });

  it('sends a phone one code a minute and three a day, and a client four an hour', async () => {
    const ask = (phone: string, ip: string) =>
      request('POST', `${sut.system.intake.url}/api/v1/public/phone-verifications`, {
        body: { phone },
        headers: client(ip),
      });
    // A minute passing, without waiting for it: the per-minute counters go.
    const aMinuteLater = async () => {
      const keys = await redis.keys(`${sut.env.config.QUEUE_PREFIX}:edge:code-phone-minute:*`);
      if (keys.length > 0) await redis.del(...keys);
    };
    const phone = '13700002005';
    assert.equal((await ask(phone, '203.0.113.5')).status, 202);
    const tooSoon = await ask(phone, '203.0.113.6');
    assert.equal(tooSoon.status, 429);
    const retryAfter = Number(tooSoon.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    await aMinuteLater();
    assert.equal((await ask(phone, '203.0.113.7')).status, 202);
    await aMinuteLater();
    assert.equal((await ask(phone, '203.0.113.8')).status, 202);
    await aMinuteLater();
    const fourth = await ask(phone, '203.0.113.9');
    assert.equal(fourth.status, 429, 'three a day');
    assert.ok(Number(fourth.headers.get('retry-after')) > 60);

    for (let i = 0; i < 4; i++) {
      assert.equal((await ask(`1370000301${i}`, '198.51.100.1')).status, 202);
    }
    assert.equal((await ask('13700003019', '198.51.100.1')).status, 429, 'four an hour per client');
    assert.equal((await ask('13700003019', '198.51.100.2')).status, 202, 'another client');
  });

  it('takes an anonymous accusation without a code: it texts no one and pages no one', async () => {
    const response = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      {
        headers: client('203.0.113.10'),
        body: samplePetition({ nature: 'ACCUSATION', petitioners: [], personCount: 20 }),
      },
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const { rows } = await sut.env.db.query<{ job_name: string; sealed: boolean }>(
      `SELECT o.job_name, p.receipt_code_sealed IS NOT NULL AS sealed
       FROM intake.petition p JOIN intake.outbox o ON o.payload::text LIKE '%' || p.id || '%'
       WHERE p.case_no = $1`,
      [response.body.caseNo],
    );
    assert.deepEqual(
      rows.map((r) => r.job_name),
      ['petition.received'],
      'no hotspot.raised: nobody paged',
    );
    assert.equal(rows[0]?.sealed, false, 'no receipt to text');
  });

  it('lets a registrar register a visit without a code', async () => {
    const registrar = await login(sut.system.routing.url, 'suining.registrar');
    const response = await request('POST', `${sut.system.intake.url}/api/v1/petitions`, {
      token: registrar,
      body: { ...samplePetition({ petitioners: [person('13700002011')] }), channel: 'VISIT' },
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
  });
});
