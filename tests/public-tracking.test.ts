import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { request, samplePetition } from './support/http.js';
import { freePort, ServiceProcess } from './support/processes.js';

type Receipt = { caseNo: string; queryCode: string };

describe('public tracking resists guessing of query codes', { timeout: 120_000 }, () => {
  let env: TestEnvironment;
  let intake: ServiceProcess;

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    intake = new ServiceProcess('intake', await freePort(), env.env);
    intake.start({ TRACKING_LIMIT_PER_CASE_PER_HOUR: '5', TRACKING_LIMIT_PER_IP_PER_MINUTE: '12' });
    await intake.waitUntil();
  });

  after(async () => {
    await intake.stop();
    await env.dispose();
  });

  const submit = async () =>
    (
      await request<Receipt>('POST', `${intake.url}/api/v1/public/petitions`, {
        body: samplePetition(),
      })
    ).body;
  const track = (caseNo: string, queryCode: string) =>
    request<{ code: string; messages: { zh: string; en: string } }>(
      'GET',
      `${intake.url}/api/v1/public/petitions/${caseNo}?queryCode=${queryCode}`,
    );

  it('answers a wrong code and an unknown case alike', async () => {
    const receipt = await submit();
    const wrongCode = await track(receipt.caseNo, 'ZZZZZZZZZZ');
    const unknownCase = await track(receipt.caseNo.replace(/\d{6}$/, '999999'), receipt.queryCode);
    assert.equal(wrongCode.status, 404);
    assert.deepEqual(unknownCase, { ...unknownCase, status: 404, body: wrongCode.body });
  });

  it('refuses wrong codes for a case after too many, but never the right code', async () => {
    const receipt = await submit();
    for (let i = 0; i < 5; i++)
      assert.equal((await track(receipt.caseNo, `WRONG${i}ABCD`)).status, 404);
    const blocked = await track(receipt.caseNo, 'WRONG5ABCD');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.code, 'TOO_MANY_REQUESTS');
    assert.ok(blocked.body.messages.zh && blocked.body.messages.en);
    assert.equal((await track(receipt.caseNo, receipt.queryCode)).status, 200);
  });

  it('limits one client across case numbers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) {
      statuses.push(
        (await track(`XF-510903-20260101-${String(i).padStart(6, '0')}`, 'ABCDEFGHJK')).status,
      );
    }
    assert.ok(statuses.includes(429), `statuses: ${statuses.join(',')}`);
  });
});
