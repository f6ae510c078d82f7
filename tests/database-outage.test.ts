import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { distinctPetitioner, request, samplePetition } from './support/http.js';
import { freePort, ServiceProcess } from './support/processes.js';
import { databaseProxy, type TcpProxy } from './support/tcp-proxy.js';

/**
 * Intake loses its database (a restart, a failover): a petitioner is told to try again, with a
 * 503 and Retry-After rather than a 500, and nothing half-written stays behind.
 */
describe('an outage of the database answers 503, not 500', { timeout: 120_000 }, () => {
  let env: TestEnvironment;
  let proxy: TcpProxy;
  let intake: ServiceProcess;

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    proxy = await databaseProxy(env.config.DATABASE_URL);
    intake = new ServiceProcess('intake', await freePort(), {
      ...env.env,
      INTAKE_DATABASE_URL: proxy.through(env.config.DATABASE_URL),
    });
    intake.start();
    await intake.waitUntil();
  });
  after(async () => {
    await intake.stop();
    await proxy.cut();
    await env.dispose();
  });

  it('tells the petitioner to try again, writes nothing, and takes the petition once it is back', async () => {
    await proxy.cut();
    const submit = () =>
      request('POST', `${intake.url}/api/v1/public/petitions`, {
        body: samplePetition({ petitioners: [distinctPetitioner(7)] }),
      });
    const refused = await submit();
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body['code'], 'UNAVAILABLE');
    assert.match(String(refused.body['message']), /请稍后重试/);
    assert.equal(refused.headers.get('retry-after'), '5');
    const written = await env.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM intake.petition',
    );
    assert.equal(written.rows[0]?.n, 0);

    await proxy.restore();
    const taken = await eventually(async () => {
      const answer = await submit();
      return answer.status === 201 && answer;
    }, 'intake to take petitions again');
    assert.match(String(taken.body['caseNo']), /^XF-/);
  });
});
