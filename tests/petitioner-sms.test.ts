import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import smpp from 'smpp';
import { QueueName, type JobEnvelope } from '#common';
import { withDataSource } from '../apps/cli/src/service-data.js';
import { intakeData } from '../apps/intake/src/database/intake-data.js';
import { expireReceiptCodes } from '../apps/intake/src/petitions/receipt-code-expiry.service.js';
import { SECRET_MASK } from '../apps/notify/src/notifications/templates.js';
import { eventually } from './support/eventually.js';
import { type CaseNotification, notificationsOfCase } from './support/case-notifications.js';
import {
  login,
  OTHER_PETITIONER,
  request,
  samplePetition,
  submitPetition,
} from './support/http.js';
import { withQueue } from './support/queues.js';
import { withSystem } from './support/system.js';
import { TestMailbox } from './support/test-mailbox.js';
import { TestSmsc } from './support/test-smsc.js';

const SAMPLE_PHONE = '13280837583';
const THIRD_PETITIONER = { name: '赵丽华', idNumber: '510903199003150020', phone: '13608250987' };

describe(
  'petitioners get their receipt by SMS, units their notices by email',
  { timeout: 180_000 },
  () => {
    const smsc = new TestSmsc();
    const mailbox = new TestMailbox();
    const sut = withSystem({
      demo: true,
      servers: [smsc, mailbox],
      settings: () => ({
        SMPP_SOURCE_ADDR: '10690000',
        NOTIFICATION_MAX_ATTEMPTS: '3',
        NOTIFICATION_RETRY_DELAY_MS: '100',
      }),
      prepare: async (env) => {
        // The housing bureau, which leads on the sample petition, has a duty mailbox: its notices go
        // by email; the street office it gets as co-handler has none: its notice is logged.
        await env.db.query(`UPDATE routing.unit SET contact_email = $1 WHERE code = '510903-ZJJ'`, [
          'zjj@suining.example',
        ]);
      },
    });
    let receipt: { caseNo: string; queryCode: string };

    const notificationsOf = (caseNo: string) => notificationsOfCase(sut.env.db, caseNo);
    const submit = (body: Record<string, unknown>) => submitPetition(sut.system.intake.url, body);

    const smsTo = (phone: string) => smsc.messages().filter((m) => m.destination === phone);

    before(async () => {
      receipt = await submit(samplePetition());
    });

    it('texts the receipt to the phone given, with a query code that opens the case', async () => {
      // The notice of where the case went goes to the same phone, maybe first.
      const sms = await eventually(
        () => smsTo(SAMPLE_PHONE).find((m) => m.text.includes('已登记')),
        'the receipt SMS',
      );
      assert.equal(sms.parts, 2, 'the receipt is a concatenated SMS');
      assert.ok(sms.text.includes(receipt.caseNo), sms.text);
      const queryCode = /查询码([0-9A-Z]{10})/.exec(sms.text)?.[1];
      assert.equal(queryCode, receipt.queryCode);
      assert.ok(
        smsc.submitted.every((part) => part.dataCoding === 0x08 && part.source === '10690000'),
      );

      const mine = await request(
        'GET',
        `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${queryCode}`,
      );
      assert.equal(mine.status, 200);
      assert.equal(mine.body.caseNo, receipt.caseNo);
    });

    it('records the receipt against the petitioner id, with the SMSC message ids, and no phone', async () => {
      const rows = await eventually(async () => {
        const all = await notificationsOf(receipt.caseNo);
        // The receipt and where the case went (告知去向) to the petitioner; a notice to each unit.
        if (all.length === 4 && all.every((n) => n.status === 'SENT')) return all;
        // Kept by eventually() as the reason, should it give up.
        throw new Error(JSON.stringify(all.map((n) => [n.template, n.status, n.error_code])));
      }, 'the four notifications to be sent');
      const { rows: people } = await sut.env.db.query<{ id: string }>(
        `SELECT id FROM intake.petitioner WHERE petition_id =
         (SELECT id FROM intake.petition WHERE case_no = $1)`,
        [receipt.caseNo],
      );
      const toPetitioner = rows.find((n) => n.template === 'petition.receipt');
      assert.deepEqual(
        toPetitioner && [toPetitioner.channel, toPetitioner.recipient, toPetitioner.template],
        ['sms', people[0]?.id, 'petition.receipt'],
      );
      assert.match(toPetitioner?.provider_message_id ?? '', /^SMSC-\d+,SMSC-\d+$/);
      assert.equal(toPetitioner?.attempts, 1);

      const staffView = await request(
        'GET',
        `${sut.system.intake.url}/api/v1/petitions/${receipt.caseNo}`,
        { token: await login(sut.system.routing.url, 'chuanshan.handler') },
      );
      assert.equal(staffView.status, 200);
      assert.ok(
        !JSON.stringify(staffView.body).includes('receiptCode'),
        'the sealed code stays in',
      );

      const { rows: stored } = await sut.env.db.query(
        `SELECT (SELECT json_agg(n) FROM notify.notification n) AS notifications,
              (SELECT json_agg(o) FROM notify.outbox o) AS outbox,
              (SELECT json_agg(t) FROM notify.timeline_entry t) AS timeline`,
      );
      const text = JSON.stringify(stored);
      for (const secret of [SAMPLE_PHONE, receipt.queryCode]) {
        assert.ok(!text.includes(secret), 'nothing personal or secret is copied into notify');
      }
    });

    it('sends the unit notice by email to the unit duty mailbox', async () => {
      const mail = await eventually(
        () => mailbox.received.find((m) => m.subject.includes(receipt.caseNo)),
        'the email to the housing bureau',
      );
      assert.deepEqual(mail.to, ['zjj@suining.example']);
      assert.equal(mail.subject, `新交办信访事项 ${receipt.caseNo}`);
      assert.match(mail.text, /已交你单位办理，时限至\d{4}年\d{1,2}月\d{1,2}日/);
      const toUnits = (await notificationsOf(receipt.caseNo)).filter(
        (n) => n.recipient_kind === 'UNIT',
      );
      assert.deepEqual(toUnits.map((n) => [n.channel, n.recipient, n.status]).sort(), [
        ['email', '510903-ZJJ', 'SENT'],
        ['log', '510903012-GOV', 'SENT'],
      ]);
      const toUnit = toUnits.find((n) => n.channel === 'email');
      assert.equal(toUnit?.provider_message_id, mail.headers.get('message-id'));
    });

    it('shows staff what each notice said, the query code masked, the phone as they may see it', async () => {
      const sms = await eventually(
        () => smsTo(SAMPLE_PHONE).find((m) => m.text.includes('已登记')),
        'the receipt SMS',
      );
      const mail = await eventually(
        () => mailbox.received.find((m) => m.subject.includes(receipt.caseNo)),
        'the email to the housing bureau',
      );
      const notices = async (user: string) => {
        const view = await request<{ notifications: CaseNotification[] }>(
          'GET',
          `${sut.system.intake.url}/api/v1/petitions/${receipt.caseNo}`,
          { token: await login(sut.system.routing.url, user) },
        );
        assert.equal(view.status, 200);
        return view.body.notifications;
      };
      // The housing bureau holds the case: it sees the petitioner's phone; the county bureau's
      // registrar, which neither registered nor holds it, sees it masked.
      for (const [user, phone] of [
        ['chuanshan.housing', SAMPLE_PHONE],
        ['chuanshan.handler', '132****7583'],
      ] as const) {
        const seen = await notices(user);
        const sent = seen.find((n) => n.template === 'petition.receipt');
        assert.deepEqual(sent && [sent.to, sent.subject, sent.text], [
          phone,
          `信访事项已登记 ${receipt.caseNo}`,
          sms.text.replace(receipt.queryCode, SECRET_MASK),
        ]);
        const emailed = seen.find((n) => n.channel === 'email');
        assert.deepEqual(emailed && [emailed.subject, emailed.text, 'to' in emailed], [
          mail.subject,
          mail.text,
          false,
        ]);
        assert.ok(!JSON.stringify(seen).includes(receipt.queryCode), `${user}: no query code`);
      }
    });

    it('texts a repeat petitioner the receipt of the new petition too', async () => {
      const before = smsTo(SAMPLE_PHONE).length;
      const repeat = await submit(samplePetition());
      const view = await request<{ status: string }>(
        'GET',
        `${sut.system.intake.url}/api/v1/public/petitions/${repeat.caseNo}?queryCode=${repeat.queryCode}`,
      );
      // The public answer does not say it joined a case; an SMS to this phone, on that case, does.
      assert.equal(view.body.status, 'RECEIVED');
      const sms = await eventually(
        () =>
          smsTo(SAMPLE_PHONE)
            .slice(before)
            .find((m) => m.text.includes(repeat.caseNo) && m.text.includes('已登记')),
        'the receipt of the repeat',
      );
      assert.ok(sms.text.includes(repeat.queryCode));
      const linked = await eventually(
        () =>
          smsTo(SAMPLE_PHONE)
            .slice(before)
            .find((m) => m.text.includes('并入')),
        'the SMS saying which case it joined',
      );
      assert.ok(linked.text.includes(receipt.caseNo), linked.text);
    });

    it('texts nobody for an anonymous accusation, and only those who gave a phone', async () => {
      const anonymous = await submit(
        samplePetition({ petitioners: [], nature: 'ACCUSATION', title: '举报某村干部挪用补偿款' }),
      );
      const registrar = await login(sut.system.routing.url, 'suining.registrar');
      const letter = await request<{ caseNo: string }>(
        'POST',
        `${sut.system.intake.url}/api/v1/petitions`,
        {
          token: registrar,
          body: {
            ...samplePetition({
              title: '小区供暖管道破裂无人维修',
              content: '我们小区供暖管道破裂一个月无人维修，请求有关部门督促物业修复。',
              personCount: 2,
              petitioners: [{ ...THIRD_PETITIONER }, { name: '赵建国' }],
            }),
            // Categorised by the registrar: this test is about who is texted, not classification.
            category: 'PROPERTY_MANAGEMENT',
            channel: 'LETTER',
          },
        },
      );
      assert.equal(letter.status, 201);
      await eventually(
        () => smsTo(THIRD_PETITIONER.phone).some((m) => m.text.includes(letter.body.caseNo)),
        'the receipt of the letter',
      );
      const receipts = async (caseNo: string) =>
        (await notificationsOf(caseNo)).filter((n) => n.template === 'petition.receipt');
      assert.equal((await receipts(letter.body.caseNo)).length, 1, 'one petitioner gave a phone');
      // The letter's notice of where it went is sent before the next test fails the SMSC.
      await eventually(
        async () =>
          (await notificationsOf(letter.body.caseNo)).some(
            (n) => n.template === 'case.assigned' && n.status === 'SENT',
          ),
        'the letter writer to be told where the case went',
      );
      await eventually(
        async () =>
          (await notificationsOf(anonymous.caseNo)).some((n) => n.recipient_kind === 'UNIT'),
        'the anonymous case to be notified to its unit',
      );
      assert.deepEqual(await receipts(anonymous.caseNo), []);
      const { rows } = await sut.env.db.query(
        `SELECT receipt_code_sealed FROM intake.petition WHERE case_no = $1`,
        [anonymous.caseNo],
      );
      assert.deepEqual(rows, [{ receipt_code_sealed: null }], 'no query code kept without a phone');
    });

    it('sends nothing again when a notification already sent is dispatched again', async () => {
      const toPetitioner = (await notificationsOf(receipt.caseNo)).find(
        (n) => n.template === 'petition.receipt',
      );
      assert.ok(toPetitioner);
      // Other petitions' messages may still arrive meanwhile: count this receipt's first parts.
      const receiptParts = () =>
        smsc.submitted.filter(
          (part) =>
            part.destination === SAMPLE_PHONE &&
            part.text.includes(receipt.caseNo) &&
            part.text.includes('已登记'),
        ).length;
      await withQueue(sut.env.config, QueueName.Notify, async (queue, events) => {
        const original = (await queue.getJobs(['completed'])).find(
          (job) =>
            job.name === 'notification.dispatch' &&
            (job.data as JobEnvelope<'notification.dispatch'>).payload.notificationId ===
              toPetitioner.id,
        );
        assert.ok(original, 'the completed dispatch job of the receipt');
        const submitted = receiptParts();
        // Another dispatch message for the same notification (a retry queued twice, say): only
        // the notification's own status can stop it.
        const copy = await queue.add(
          original.name,
          { ...(original.data as JobEnvelope), messageId: randomUUID() },
          { jobId: `again-${original.id ?? ''}` },
        );
        await copy.waitUntilFinished(events, 30_000);
        assert.equal(receiptParts(), submitted, 'the SMSC received the receipt no more');
        assert.equal(
          sut.system.notify.output.split(toPetitioner.id).length - 1,
          1,
          'one delivery logged for it',
        );
      });
    });

    it('tries a failing SMSC again, then marks the notice FAILED with the error code', async () => {
      smsc.failWith = smpp.errors.ESME_RSYSERR ?? 0x08;
      try {
        const failing = await submit(samplePetition({ petitioners: [OTHER_PETITIONER] }));
        // The receipt and the notice of where the case went both fail.
        const toPetitioner = await eventually(async () => {
          const rows = (await notificationsOf(failing.caseNo)).filter(
            (n) => n.recipient_kind === 'PETITIONER',
          );
          return rows.length === 2 && rows.every((n) => n.status === 'FAILED') && rows;
        }, 'both SMS to fail');
        assert.deepEqual(
          toPetitioner.map((n) => [n.attempts, n.error_code]),
          [
            [3, 'ESME_RSYSERR'],
            [3, 'ESME_RSYSERR'],
          ],
        );
        // Each attempt submitted the first part and got the error back.
        const attempts = smsc.submitted.filter((p) => p.destination === OTHER_PETITIONER.phone);
        assert.equal(attempts.length, 6);
        // Only this petition's: an earlier test's late notice may have met the failing SMSC too.
        const { rows } = await sut.env.db.query<{ data: Record<string, unknown> }>(
          `SELECT t.data FROM notify.timeline_entry t JOIN intake.petition p ON p.id = t.petition_id
           WHERE p.case_no = $1 AND t.type = 'notification.failed'`,
          [failing.caseNo],
        );
        assert.deepEqual(
          rows.map((r) => r.data.errorCode),
          ['ESME_RSYSERR', 'ESME_RSYSERR'],
        );
      } finally {
        smsc.failWith = null;
      }
    });

    it('clears the sealed query code a week after registration, and the code still works', async () => {
      await withDataSource(sut.env.config, intakeData, async (dataSource) => {
        await sut.env.db.query(
          `UPDATE intake.petition SET registered_at = now() - interval '8 days' WHERE case_no = $1`,
          [receipt.caseNo],
        );
        const kept = await sut.env.db.query(
          `SELECT count(*)::int AS n FROM intake.petition WHERE receipt_code_sealed IS NOT NULL`,
        );
        assert.equal(await expireReceiptCodes(dataSource.manager), 1);
        const { rows } = await sut.env.db.query<{ case_no: string; sealed: boolean }>(
          `SELECT case_no, receipt_code_sealed IS NOT NULL AS sealed FROM intake.petition`,
        );
        assert.deepEqual(
          rows.filter((r) => r.sealed).length,
          (kept.rows[0] as { n: number }).n - 1,
          'newer ones are kept',
        );
        assert.ok(!rows.find((r) => r.case_no === receipt.caseNo)?.sealed);
        const mine = await request(
          'GET',
          `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${receipt.queryCode}`,
        );
        assert.equal(mine.status, 200, 'the hash still opens the case');
      });
    });

    it('logs ids, templates and channels, never a phone, a query code or a message text', () => {
      const output = sut.system.notify.output;
      const logged = (...parts: string[]) =>
        output.split('\n').some((line) => parts.every((part) => line.includes(part)));
      assert.ok(
        logged('"notification delivered"', '"template":"petition.receipt"', '"channel":"sms"'),
      );
      assert.ok(logged('"notification failed"', '"error":"ESME_RSYSERR"', '"notificationId":'));
      for (const secret of [
        SAMPLE_PHONE,
        OTHER_PETITIONER.phone,
        receipt.queryCode,
        '您的信访事项',
      ]) {
        assert.ok(!output.includes(secret), `notify logged ${secret}`);
      }
    });
  },
);
