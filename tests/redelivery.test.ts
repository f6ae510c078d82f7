import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { QueueName, type JobEnvelope } from '#common';
import { eventually } from './support/eventually.js';
import { request, samplePetition } from './support/http.js';
import { withQueue } from './support/queues.js';
import { withSystem } from './support/system.js';

/** BullMQ delivers at least once: every consumer must make a second delivery a no-op. */
describe('a job delivered twice changes nothing the second time', { timeout: 120_000 }, () => {
  const sut = withSystem({ demo: true });
  let caseNo: string;

  const totals = async () => {
    const { rows } = await sut.env.db.query<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM routing.assignment) AS assignments,
             (SELECT count(*)::int FROM notify.deadline) AS deadlines,
             (SELECT count(*)::int FROM notify.notification) AS notifications,
             (SELECT count(*)::int FROM routing.timeline_entry) AS routing_timeline,
             (SELECT count(*)::int FROM notify.timeline_entry) AS notify_timeline`);
    return rows[0];
  };

  before(async () => {
    const response = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      {
        body: samplePetition(),
      },
    );
    caseNo = response.body.caseNo;
    await eventually(async () => {
      const { rows } = await sut.env.db.query(
        `SELECT 1 FROM notify.notification WHERE status = 'SENT'`,
      );
      // The lead and co-handling units' notices; the receipt and where the case went, by SMS.
      return rows.length === 4;
    }, 'the first deliveries to complete');
  });

  const deliverAgain = (queueName: QueueName, jobName: string) =>
    withQueue(sut.env.config, queueName, async (queue, events) => {
      const [original] = await queue
        .getJobs(['completed'])
        .then((jobs) => jobs.filter((j) => j.name === jobName));
      assert.ok(original, `a completed ${jobName} job`);
      // Same message, new BullMQ job: what a redelivery after the job record expired looks like.
      const copy = await queue.add(jobName, original.data as JobEnvelope, {
        jobId: `redelivery-${original.id}`,
      });
      await copy.waitUntilFinished(events, 30_000);
    });

  it('routing: petition.received again assigns nothing new', async () => {
    const before = await totals();
    await deliverAgain(QueueName.Routing, 'petition.received');
    assert.deepEqual(await totals(), before);
    assert.ok(sut.system.routing.output.includes('already processed'));
  });

  it('notify: petition.assigned and notification.dispatch again create and send nothing new', async () => {
    const before = await totals();
    await deliverAgain(QueueName.Notify, 'petition.assigned');
    await deliverAgain(QueueName.Notify, 'notification.dispatch');
    assert.deepEqual(await totals(), before);
    const delivered = sut.system.notify.output.match(/notification delivered/g) ?? [];
    assert.equal(delivered.length, 4, 'each unit and each petitioner message went once');
  });

  it('relay: an outbox row published twice is ignored by BullMQ (job id = outbox id)', async () => {
    const before = await totals();
    const queues = [QueueName.Notify, QueueName.Intake].map(
      (name) =>
        new Queue(name, {
          connection: { url: sut.env.config.REDIS_URL },
          prefix: sut.env.config.QUEUE_PREFIX,
        }),
    );
    const jobCounts = () =>
      Promise.all(
        queues.map((q) => q.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed')),
      );
    try {
      const jobsBefore = await jobCounts();
      const { rowCount } = await sut.env.db.query(
        `UPDATE routing.outbox SET published_at = NULL WHERE job_name = 'petition.assigned'`,
      );
      // The lead and the co-handling units' assignments.
      assert.equal(rowCount, 2);
      await eventually(async () => {
        const { rows } = await sut.env.db.query(
          `SELECT 1 FROM routing.outbox WHERE published_at IS NULL`,
        );
        return rows.length === 0;
      }, 'the relay to publish the row again');
      assert.deepEqual(await jobCounts(), jobsBefore, 'no new job in either subscriber queue');
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
    assert.deepEqual(await totals(), before);
    assert.ok(caseNo);
  });
});
