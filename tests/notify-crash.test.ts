import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { QueueName, type JobEnvelope } from '#common';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition } from './support/http.js';
import { withSystem } from './support/system.js';
import { TestSmsc } from './support/test-smsc.js';

const PHONE = '13280837583';

/**
 * notify dies while the SMSC holds a message it has not answered: the SMSC may deliver it, and
 * we cannot know. At most once: the message is not sent again when notify comes back and the
 * job is delivered again; it waits, UNCONFIRMED, for an operator.
 */
describe('a notify process killed during a send', { timeout: 300_000 }, () => {
  const smsc = new TestSmsc();
  const sut = withSystem({
    demo: true,
    servers: [smsc],
    settings: () => ({
      SMS_TIMEOUT_MS: '60000',
      NOTIFICATION_RETRY_DELAY_MS: '100',
      NOTIFICATION_UNCONFIRMED_AFTER_MS: '1000',
    }),
  });

  const receiptParts = () =>
    smsc.submitted.filter((sm) => sm.destination === PHONE && sm.text.includes('已登记'));
  const receiptRow = async (caseNo: string) => {
    const { rows } = await sut.env.db.query<{
      id: string;
      status: string;
      error_code: string | null;
    }>(
      `SELECT n.id, n.status, n.error_code FROM notify.notification n
       JOIN intake.petition p ON p.id = n.petition_id
       WHERE p.case_no = $1 AND n.template = 'petition.receipt'`,
      [caseNo],
    );
    return rows[0];
  };

  it('does not send the message again after a restart, and shows it to operators', async () => {
    smsc.holdResponses = true;
    const response = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(response.status, 201);
    const { caseNo } = response.body;
    await eventually(() => receiptParts().length === 1, 'the SMSC to hold the first part');
    const sending = await receiptRow(caseNo);
    assert.equal(sending?.status, 'SENDING', 'claimed and committed before the send');

    assert.equal(await sut.system.notify.stop('SIGKILL'), null);
    smsc.release();
    sut.system.notify.start();
    await sut.system.notify.waitUntil('ready');

    // BullMQ hands the killed worker's job out again once its lock expires; it finds the
    // notification handed over already and sends nothing.
    const queue = new Queue(QueueName.Notify, {
      connection: { url: sut.env.config.REDIS_URL },
      prefix: sut.env.config.QUEUE_PREFIX,
    });
    try {
      await eventually(
        async () =>
          (await queue.getJobs(['completed'])).some(
            (job) =>
              job.name === 'notification.dispatch' &&
              (job.data as JobEnvelope<'notification.dispatch'>).payload.notificationId ===
                sending.id,
          ),
        'the dispatch job to run again and complete',
        200_000,
      );
    } finally {
      await queue.close();
    }
    const row = await eventually(async () => {
      const current = await receiptRow(caseNo);
      return current?.status === 'UNCONFIRMED' && current;
    }, 'the receipt to be UNCONFIRMED');
    assert.equal(row.error_code, 'NO_PROVIDER_ANSWER');
    assert.equal(receiptParts().length, 1, 'the SMSC received the message once');
    assert.ok(
      sut.system.notify.output.includes(
        '"notifications left without a provider answer are UNCONFIRMED"',
      ),
    );

    // An operator sees it and, having checked with the carrier, sends it again.
    const admin = await login(sut.system.routing.url, 'admin');
    const failed = await request<{ items: { id: string }[] }>(
      'GET',
      `${sut.system.notify.url}/api/v1/notifications/failed?status=UNCONFIRMED`,
      { token: admin },
    );
    assert.ok(failed.body.items.some((n) => n.id === row.id));
    const retried = await request(
      'POST',
      `${sut.system.notify.url}/api/v1/notifications/${row.id}/retry`,
      { token: admin },
    );
    assert.equal(retried.status, 202);
    await eventually(async () => (await receiptRow(caseNo))?.status === 'SENT', 'the resend');
    // The receipt, whole, once; the notice of where the case went is another message.
    const whole = smsc
      .messages()
      .filter(
        (m) => m.destination === PHONE && m.text.includes(caseNo) && m.text.includes('已登记'),
      );
    assert.equal(whole.length, 1);
  });
});
