import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { QueueName } from '#common';
import { eventually } from '../support/eventually.js';
import { envelopeOf, queueForTests } from '../support/queues.js';
import { withService } from '../support/service-context.js';

/**
 * A notification whose dispatch job is gone (Redis lost it, it failed for good) would stay
 * PENDING for ever, in no list. Notify's retry sweep finds it and queues it again, once; one
 * whose job is only waiting is left to it.
 */
describe('a PENDING notification without a dispatch job', { timeout: 120_000 }, () => {
  const notify = withService('notify', {
    settings: {
      NOTIFICATION_RETRY_DELAY_MS: '100',
      NOTIFICATION_REDISPATCH_AFTER_MS: '300',
    },
  });
  const queue = queueForTests(QueueName.Notify, () => notify.env.config);

  const notification = async (id: string) => {
    const { rows } = await notify.env.db.query<{
      status: string;
      events: string[];
      dispatches: number;
      seen_again: boolean;
    }>(
      `SELECT n.status, n.dispatch_seen_at > n.created_at AS seen_again,
         (SELECT array_agg(event ORDER BY e.id) FROM notify.notification_event e
          WHERE e.notification_id = n.id) AS events,
         (SELECT count(*)::int FROM notify.outbox o
          WHERE o.job_name = 'notification.dispatch' AND o.payload->>'notificationId' = n.id::text)
           AS dispatches
       FROM notify.notification n WHERE n.id = $1`,
      [id],
    );
    assert.ok(rows[0], id);
    return rows[0];
  };

  it('is queued again once and sent; one whose job waits is left to that job', async () => {
    const lost = randomUUID();
    const waiting = randomUUID();
    const waitingJob = envelopeOf<'notification.dispatch'>({ notificationId: waiting });
    // Its job waits an hour (a backlog, say) before it runs.
    await queue().add('notification.dispatch', waitingJob, {
      jobId: waitingJob.messageId,
      delay: 3_600_000,
    });
    // Both queued a minute ago; the first names a job Redis does not have.
    await notify.env.db.query(
      `INSERT INTO notify.notification (id, petition_id, channel, recipient_kind, recipient,
         template, variables, status, created_at, dispatch_message_id, dispatch_seen_at)
       SELECT id, NULL, 'log', 'UNIT', 'XF-UNIT', 'assignment.co-handler',
         '{"caseNo": "XF-510903-20261207-000001"}', 'PENDING', now() - interval '1 minute', job,
         now() - interval '1 minute'
       FROM unnest($1::uuid[], $2::uuid[]) AS n(id, job)`,
      [
        [lost, waiting],
        [randomUUID(), waitingJob.messageId],
      ],
    );

    await eventually(async () => (await notification(lost)).status === 'SENT', 'the lost one sent');
    const sent = await notification(lost);
    assert.equal(sent.dispatches, 1, 'queued again once');
    assert.deepEqual(sent.events, ['REDISPATCHED', 'SENDING', 'SENT']);
    assert.match(notify.output, /notifications without a dispatch job queued again/);

    // The sweep saw the waiting one's job alive and queued nothing for it.
    const held = await eventually(async () => {
      const row = await notification(waiting);
      return row.seen_again && row;
    }, 'the sweep to look at the waiting one');
    assert.equal(held.status, 'PENDING');
    assert.equal(held.dispatches, 0);

    // Its own job, when it runs, sends it.
    const job = await queue().getJob(waitingJob.messageId);
    await job?.promote();
    await eventually(
      async () => (await notification(waiting)).status === 'SENT',
      'the waiting one sent by its own job',
    );
    assert.equal((await notification(waiting)).dispatches, 0);
  });
});
