import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { QueueName } from '#common';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { request, samplePetition } from './support/http.js';
import { freePort, ServiceProcess, stopSystem, type ServiceName } from './support/processes.js';
import { envelopeOf } from './support/queues.js';
import { databaseProxy, type TcpProxy } from './support/tcp-proxy.js';

/**
 * Routing loses its database for longer than a job's attempts last: petition.received fails for
 * good. Once the database answers again the job is redriven and the petition routed; a job that
 * failed for a fault of its own stays a dead letter.
 */
describe('a job an outage failed is redriven once it is over', { timeout: 180_000 }, () => {
  let env: TestEnvironment;
  let proxy: TcpProxy;
  let queue: Queue;
  const system: Partial<Record<ServiceName, ServiceProcess>> = {};

  const leadAssignments = async (caseNo: string) => {
    const { rows } = await env.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
      [caseNo],
    );
    return rows[0]?.n ?? 0;
  };

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    proxy = await databaseProxy(env.config.DATABASE_URL);
    // Two quick attempts, so the outage outlasts them; a redriver that looks often.
    const settings = {
      ...env.env,
      JOB_ATTEMPTS: '2',
      JOB_BACKOFF_MS: '100',
      JOB_REDRIVE_MS: '300',
    };
    system.intake = new ServiceProcess('intake', await freePort(), settings);
    system.notify = new ServiceProcess('notify', await freePort(), settings);
    system.routing = new ServiceProcess('routing', await freePort(), {
      ...settings,
      ROUTING_DATABASE_URL: proxy.through(env.config.DATABASE_URL),
    });
    for (const service of Object.values(system)) service.start();
    await Promise.all(Object.values(system).map((service) => service.waitUntil()));
    queue = new Queue(QueueName.Routing, {
      connection: { url: env.config.REDIS_URL },
      prefix: env.config.QUEUE_PREFIX,
    });
  });

  after(async () => {
    await queue.close();
    await stopSystem(system);
    await proxy.cut();
    await env.dispose();
  });

  it('routes the petition after the database returns, and leaves a malformed job failed', async () => {
    const malformed = envelopeOf({ petitionId: 'not-a-petition' });
    await queue.add('petition.received', malformed, { jobId: malformed.messageId });
    await eventually(
      async () => (await queue.getJobState(malformed.messageId)) === 'failed',
      'the malformed job to fail',
    );

    await proxy.cut();
    const response = await request<{ caseNo: string }>(
      'POST',
      `${system.intake?.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(response.status, 201);
    const { caseNo } = response.body;
    const failed = await eventually(async () => {
      const jobs = await queue.getFailed();
      return jobs.find((job) => job.name === 'petition.received' && job.attemptsMade === 2);
    }, 'petition.received to spend its attempts');
    assert.match(failed.failedReason, /^\[infrastructure\] /);
    assert.equal(await leadAssignments(caseNo), 0);

    await proxy.restore();
    await eventually(async () => (await leadAssignments(caseNo)) === 1, 'the petition routed');
    // The worker marks the job completed just after its transaction committed the assignment.
    await eventually(
      async () => (await queue.getJobState(failed.id ?? '')) === 'completed',
      'the redriven job completed',
    );
    // Redriven passes ran while it was failed, and left it alone.
    assert.equal(await queue.getJobState(malformed.messageId), 'failed');
    assert.match(system.routing?.output ?? '', /failed jobs redriven/);
  });
});
