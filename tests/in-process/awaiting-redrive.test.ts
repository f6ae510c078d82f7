import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QueueName, type JobName, type JobPayload } from '#common';
import { eventually } from '../support/eventually.js';
import { assigned, minutesFromNow, newAssignment, step } from '../support/event-steps.js';
import { envelopeOf, queueForTests } from '../support/queues.js';
import { withService } from '../support/service-context.js';

/**
 * The whole way of an early event through notify's own queue and worker: it fails its attempts as
 * awaiting its predecessor, is kept, and is redriven once the predecessor is in (JobRedriver). The
 * handlers' order rules themselves are in notify-event-order.test.ts.
 */
describe('an early event through the queue: held, then redriven', { timeout: 120_000 }, () => {
  const notify = withService('notify', {
    settings: { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '100', JOB_REDRIVE_MS: '300' },
  });
  const minute = minutesFromNow();
  const lead = newAssignment();
  const queue = queueForTests(QueueName.Notify, () => notify.env.config);

  /** Adds a job to notify's queue as routing's outbox relay would. */
  const publish = async <N extends JobName>(name: N, payload: JobPayload<N>) => {
    const envelope = envelopeOf(payload);
    return queue().add(name, envelope, { jobId: envelope.messageId });
  };
  const stateOf = async (id: string | undefined) => queue().getJobState(id ?? '');

  it('an extension published before the acceptance is applied after it', async () => {
    const opened = await publish('petition.assigned', assigned(lead, minute(0)));
    await eventually(async () => (await stateOf(opened.id)) === 'completed', 'the clock opened');

    const extended = await publish('case.extended', { ...step(lead, minute(2)), days: 30 });
    // Past its attempts: only the redriver can bring it back.
    await eventually(async () => {
      const job = await queue().getJob(extended.id ?? '');
      return (
        (await stateOf(extended.id)) === 'failed' &&
        job?.failedReason.startsWith('[awaiting-predecessor] ')
      );
    }, 'the extension to fail its attempts waiting for the acceptance');

    const accepted = await publish('case.accepted', step(lead, minute(1)));
    await eventually(
      async () =>
        (await stateOf(accepted.id)) === 'completed' &&
        (await stateOf(extended.id)) === 'completed',
      'the acceptance applied and the extension redriven',
    );
    const { rows } = await notify.env.db.query<{ kind: string; period_days: number }>(
      `SELECT kind, period_days FROM notify.deadline WHERE source_id = $1 ORDER BY starts_at`,
      [lead.assignmentId],
    );
    assert.deepEqual(rows, [
      { kind: 'ACCEPTANCE', period_days: 15 },
      { kind: 'CONCLUSION', period_days: 90 },
    ]);
  });
});
