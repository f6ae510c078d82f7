import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import smpp from 'smpp';
import { SmsRateLimiter } from '../apps/notify/src/channels/sms-rate-limiter.js';
import { aliyunDeliveredReport, CloudStub } from './support/cloud-stub.js';
import { eventually } from './support/eventually.js';
import { distinctPetitioner, login, request, samplePetition } from './support/http.js';
import { withSystem } from './support/system.js';
import { TestMailbox } from './support/test-mailbox.js';
import { TestSmsc } from './support/test-smsc.js';

const CALLBACK_TOKEN = 'callback-token-'.padEnd(40, 'x');
const ESME_RSYSERR = smpp.errors.ESME_RSYSERR ?? 0x08;
const ESME_RINVDSTADR = smpp.errors.ESME_RINVDSTADR ?? 0x0b;

type Petitioner = ReturnType<typeof distinctPetitioner>;

interface NotificationRow {
  id: string;
  status: string;
  attempts: number;
  error_code: string | null;
  provider: string | null;
  provider_message_id: string | null;
  delivered_at: Date | null;
}

describe('delivery: receipts, retries, the fall-back provider', { timeout: 300_000 }, () => {
  const smsc = new TestSmsc();
  const mailbox = new TestMailbox();
  const aliyun = new CloudStub();
  const templates = Object.fromEntries(
    ['petition.receipt', 'case.assigned', 'case.accepted'].map((name) => [
      name,
      { code: `SMS_${name}`, params: ['caseNo'] },
    ]),
  );
  before(async () => {
    await aliyun.start();
    aliyun.answer = () => ({ Code: 'OK', Message: 'OK', BizId: `biz-${++bizIds}` });
  });
  const sut = withSystem({
    demo: true,
    servers: [smsc, mailbox],
    settings: () => ({
      SMS_FALLBACK_PROVIDER: 'aliyun',
      SMS_FALLBACK_AFTER_ATTEMPTS: '3',
      ALIYUN_ACCESS_KEY_ID: 'LTAI-test',
      ALIYUN_ACCESS_KEY_SECRET: 'test-secret',
      ALIYUN_SMS_SIGN_NAME: '遂宁信访',
      ALIYUN_SMS_ENDPOINT: aliyun.endpoint,
      SMS_TEMPLATE_MAP: JSON.stringify(templates),
      SMS_CALLBACK_TOKEN: CALLBACK_TOKEN,
      NOTIFICATION_MAX_ATTEMPTS: '5',
      NOTIFICATION_RETRY_DELAY_MS: '100',
    }),
  });
  let bizIds = 0;

  /** Registers a petition for a person; the receipt SMS is the one these tests follow. */
  const submit = async (petitioner: Petitioner) => {
    const response = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition({ petitioners: [petitioner] }) },
    );
    assert.equal(response.status, 201);
    return response.body.caseNo;
  };
  const receiptOf = async (caseNo: string) => {
    const { rows } = await sut.env.db.query<NotificationRow>(
      `SELECT n.id, n.status, n.attempts, n.error_code, n.provider, n.provider_message_id,
              n.delivered_at
       FROM notify.notification n JOIN intake.petition p ON p.id = n.petition_id
       WHERE p.case_no = $1 AND n.template = 'petition.receipt'`,
      [caseNo],
    );
    return rows[0];
  };
  const settled = (caseNo: string, ...statuses: string[]) =>
    eventually(
      async () => {
        const row = await receiptOf(caseNo);
        return row && statuses.includes(row.status) && row;
      },
      `the receipt of ${caseNo} to be ${statuses.join(' or ')}`,
    );
  /** The events of `times` attempts through the SMSC that failed and are to be tried again. */
  const retriedOnSmpp = (times: number) =>
    Array.from({ length: times }, () => ['SENDING', 'RETRY:smpp']).flat();
  const history = async (id: string) =>
    (
      await sut.env.db.query<{ event: string; provider: string | null }>(
        `SELECT event, provider FROM notify.notification_event WHERE notification_id = $1
         ORDER BY id`,
        [id],
      )
    ).rows.map((e) => (e.provider ? `${e.event}:${e.provider}` : e.event));
  /** Receipts the SMSC took whole for a number (the case.assigned SMS goes there too). */
  const receiptsTo = (phone: string) =>
    smsc.messages().filter((m) => m.destination === phone && m.text.includes('已登记'));
  const aliyunSends = (phone: string) =>
    aliyun.requests.filter(
      (r) => new URL(r.url, aliyun.endpoint).searchParams.get('PhoneNumbers') === phone,
    );

  /**
   * Registers a petition for the n-th person while the SMSC refuses their messages with `error`,
   * and checks its receipt once it is `status`; the SMSC takes them again after.
   */
  const whileSmscRefuses = async (
    n: number,
    error: number,
    status: string,
    check: (receipt: {
      petitioner: Petitioner;
      caseNo: string;
      row: NotificationRow;
    }) => Promise<void>,
  ) => {
    const petitioner = distinctPetitioner(n);
    smsc.refuse = (sm) => (sm.destination === petitioner.phone ? error : null);
    try {
      const caseNo = await submit(petitioner);
      await check({ petitioner, caseNo, row: await settled(caseNo, status) });
    } finally {
      smsc.refuse = null;
    }
  };

  after(async () => {
    await aliyun.stop();
  });

  it('marks a long SMS DELIVERED once the SMSC has reported every part', async () => {
    smsc.receipts = () => 'DELIVRD';
    const petitioner = distinctPetitioner(1);
    const caseNo = await submit(petitioner);
    const row = await settled(caseNo, 'DELIVERED');
    const [sms] = receiptsTo(petitioner.phone);
    assert.equal(sms?.parts, 2);
    assert.ok(row.delivered_at);
    assert.equal(row.provider, 'smpp');
    const { rows: parts } = await sut.env.db.query<{
      message_id: string;
      part: number;
      state: string;
    }>(
      `SELECT message_id, part, state FROM notify.provider_message WHERE notification_id = $1
       ORDER BY part`,
      [row.id],
    );
    assert.deepEqual(
      parts.map((p) => [p.part, p.state]),
      [
        [1, 'DELIVERED'],
        [2, 'DELIVERED'],
      ],
    );
    assert.equal(parts.map((p) => p.message_id).join(','), row.provider_message_id);
    assert.deepEqual(await history(row.id), ['QUEUED', 'SENDING', 'SENT:smpp', 'DELIVERED:smpp']);
  });

  it('marks it FAILED when a receipt says it cannot be delivered, and does not send it again', async () => {
    const petitioner = distinctPetitioner(2);
    smsc.receipts = (sm) => (sm.destination === petitioner.phone ? 'UNDELIV' : 'DELIVRD');
    const caseNo = await submit(petitioner);
    const row = await settled(caseNo, 'FAILED');
    assert.equal(row.error_code, 'UNDELIV:001');
    assert.equal(row.attempts, 1);
    assert.deepEqual(await history(row.id), ['QUEUED', 'SENDING', 'SENT:smpp', 'FAILED:smpp']);
    assert.equal(receiptsTo(petitioner.phone).length, 1);
  });

  it('sends exactly one message through a provider that fails twice then succeeds', async () => {
    smsc.receipts = () => 'DELIVRD';
    const petitioner = distinctPetitioner(3);
    let refused = 0;
    smsc.refuse = (sm) =>
      sm.destination === petitioner.phone && sm.text.includes('已登记') && refused++ < 2
        ? ESME_RSYSERR
        : null;
    try {
      const caseNo = await submit(petitioner);
      const row = await settled(caseNo, 'DELIVERED');
      assert.equal(row.attempts, 3);
      assert.equal(refused, 3, 'the third attempt was let through');
      assert.equal(receiptsTo(petitioner.phone).length, 1, 'the handset got it once');
      assert.deepEqual(await history(row.id), [
        'QUEUED',
        ...retriedOnSmpp(2),
        'SENDING',
        'SENT:smpp',
        'DELIVERED:smpp',
      ]);
      assert.deepEqual(aliyunSends(petitioner.phone), [], 'the fall-back was not needed');
    } finally {
      smsc.refuse = null;
    }
  });

  it('does not retry a number the SMSC refuses (ESME_RINVDSTADR), nor hand it to the fall-back', async () => {
    await whileSmscRefuses(4, ESME_RINVDSTADR, 'FAILED', async ({ petitioner, row }) => {
      assert.equal(row.error_code, 'ESME_RINVDSTADR');
      assert.equal(row.attempts, 1);
      assert.deepEqual(await history(row.id), ['QUEUED', 'SENDING', 'FAILED:smpp']);
      assert.deepEqual(aliyunSends(petitioner.phone), []);
    });
  });

  it('hands an SMS to the fall-back provider after its attempts with the first failed', async () => {
    await whileSmscRefuses(5, ESME_RSYSERR, 'SENT', async ({ petitioner, caseNo, row }) => {
      assert.equal(row.provider, 'aliyun');
      assert.equal(row.attempts, 4);
      assert.deepEqual(await history(row.id), [
        'QUEUED',
        ...retriedOnSmpp(3),
        'SENDING',
        'SENT:aliyun',
      ]);
      const [sent, ...more] = aliyunSends(petitioner.phone).filter((r) =>
        r.url.includes('SMS_petition.receipt'),
      );
      assert.ok(sent);
      assert.deepEqual(more, [], 'one request to the fall-back');
      const query = new URL(sent.url, aliyun.endpoint).searchParams;
      assert.equal(query.get('OutId'), row.id);
      assert.deepEqual(JSON.parse(query.get('TemplateParam') ?? ''), { caseNo });
      assert.equal(receiptsTo(petitioner.phone).length, 0);

      // Alibaba Cloud reports it delivered, to the callback URL with our token.
      const report = [
        aliyunDeliveredReport({
          phone: petitioner.phone,
          bizId: row.provider_message_id,
          outId: row.id,
        }),
      ];
      const callback = (token: string, body: unknown = report) =>
        request(
          'POST',
          `${sut.system.notify.url}/api/v1/public/sms-receipts/aliyun?token=${token}`,
          {
            body,
          },
        );
      const forged = await callback('not-the-token');
      assert.equal(forged.status, 403);
      assert.equal(forged.body.code, 'CALLBACK_TOKEN_INVALID');
      assert.equal((await receiptOf(caseNo))?.status, 'SENT');
      const malformed = await callback(CALLBACK_TOKEN, [{ success: 'yes' }]);
      assert.equal(malformed.status, 400);
      const accepted = await callback(CALLBACK_TOKEN);
      assert.deepEqual([accepted.status, accepted.body], [200, { code: 0, msg: '接收成功' }]);
      const delivered = await settled(caseNo, 'DELIVERED');
      assert.deepEqual((await history(delivered.id)).slice(-1), ['DELIVERED:aliyun']);
      // The same report pushed again changes nothing.
      assert.equal((await callback(CALLBACK_TOKEN)).status, 200);
      assert.equal(
        (await history(delivered.id)).filter((e) => e.startsWith('DELIVERED')).length,
        1,
      );
      assert.ok(!sut.system.notify.output.includes(petitioner.phone), 'no phone in the log');
    });
  });

  it('applies Tencent Cloud status callbacks to the message they name', async () => {
    const id = randomUUID();
    await sut.env.db.query(
      `INSERT INTO notify.notification (id, petition_id, channel, recipient_kind, recipient,
         template, variables, status, attempts, provider, provider_message_id, sent_at)
       VALUES ($1, $2, 'sms', 'PETITIONER', $3, 'case.accepted', $4, 'SENT', 1, 'tencent',
         '2640:77', now())`,
      [
        id,
        randomUUID(),
        randomUUID(),
        { caseNo: 'XF-510903-20261122-000999', unitName: '船山区信访局' },
      ],
    );
    await sut.env.db.query(
      `INSERT INTO notify.provider_message (provider, message_id, notification_id, part)
       VALUES ('tencent', '2640:77', $1, 1)`,
      [id],
    );
    const response = await request(
      'POST',
      `${sut.system.notify.url}/api/v1/public/sms-receipts/tencent?token=${CALLBACK_TOKEN}`,
      {
        body: [
          {
            user_receive_time: '2026-11-22 10:00:05',
            nationcode: '86',
            mobile: '13700009999',
            report_status: 'FAIL',
            errmsg: 'MK:0005',
            description: '用户短信送达失败',
            sid: '2640:77',
          },
        ],
      },
    );
    assert.deepEqual([response.status, response.body], [200, { result: 0, errmsg: 'OK' }]);
    const { rows } = await sut.env.db.query<{ status: string; error_code: string }>(
      `SELECT status, error_code FROM notify.notification WHERE id = $1`,
      [id],
    );
    assert.deepEqual(rows[0], { status: 'FAILED', error_code: 'MK:0005' });
  });

  it('lists what did not go out for operators, and lets an admin send it again', async () => {
    const admin = await login(sut.system.routing.url, 'admin');
    const supervisor = await login(sut.system.routing.url, 'suining.supervisor');
    const handler = await login(sut.system.routing.url, 'chuanshan.handler');
    const failedUrl = `${sut.system.notify.url}/api/v1/notifications/failed`;
    assert.equal((await request('GET', failedUrl, { token: handler })).status, 403);
    assert.equal((await request('GET', failedUrl)).status, 401);
    const list = await request<{
      items: { id: string; status: string; errorCode: string; template: string }[];
      total: number;
    }>('GET', `${failedUrl}?status=FAILED&pageSize=100`, { token: supervisor });
    assert.equal(list.status, 200);
    const undelivered = list.body.items.find((n) => n.errorCode === 'UNDELIV:001');
    assert.ok(undelivered, JSON.stringify(list.body));
    assert.ok(list.body.items.some((n) => n.errorCode === 'ESME_RINVDSTADR'));
    assert.ok(list.body.items.every((n) => n.status === 'FAILED'));
    const bad = await request('GET', `${failedUrl}?status=LOST`, { token: admin });
    assert.equal(bad.status, 400);

    // The number works again; only an admin may send it again.
    smsc.receipts = () => 'DELIVRD';
    const retryUrl = `${sut.system.notify.url}/api/v1/notifications/${undelivered.id}/retry`;
    assert.equal((await request('POST', retryUrl, { token: supervisor })).status, 403);
    const retried = await request('POST', retryUrl, { token: admin });
    assert.deepEqual([retried.status, retried.body.status], [202, 'PENDING']);
    const detailUrl = `${sut.system.notify.url}/api/v1/notifications/${undelivered.id}`;
    const detail = await eventually(async () => {
      const view = await request<{ status: string; history: { event: string }[] }>(
        'GET',
        detailUrl,
        { token: admin },
      );
      return view.body.status === 'DELIVERED' && view.body;
    }, 'the retried notification to be delivered');
    assert.deepEqual(
      detail.history.map((h) => h.event),
      ['QUEUED', 'SENDING', 'SENT', 'FAILED', 'REQUEUED', 'SENDING', 'SENT', 'DELIVERED'],
    );
    assert.ok(!JSON.stringify(detail).includes('查询码'), 'operators do not see a receipt text');
    const again = await request('POST', retryUrl, { token: admin });
    assert.deepEqual([again.status, again.body.code], [409, 'NOT_RETRYABLE']);
  });

  it('hands an SMS to the fall-back at once when the SMSC cannot be reached', async () => {
    await smsc.stop();
    const petitioner = distinctPetitioner(6);
    const caseNo = await submit(petitioner);
    const row = await settled(caseNo, 'SENT');
    assert.equal(row.provider, 'aliyun');
    assert.equal(row.attempts, 1);
    assert.deepEqual(await history(row.id), ['QUEUED', 'SENDING', 'SENT:aliyun']);
  });
});

describe('the per-provider SMS rate (GCRA in Redis)', () => {
  const limiter = new SmsRateLimiter(
    process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    `{xinfang-test-rate-${randomUUID()}}`,
    5,
  );
  after(() => limiter.close());

  it('spaces messages at the rate, a long SMS taking one turn per part, per provider', async () => {
    const t0 = 1_800_000_000_000;
    const waits = [
      await limiter.reserve('smpp', 1, t0),
      await limiter.reserve('smpp', 1, t0),
      await limiter.reserve('smpp', 2, t0),
      await limiter.reserve('smpp', 1, t0),
      await limiter.reserve('aliyun', 1, t0),
    ];
    // 5 per second: one every 200 ms; the two-part SMS holds two turns.
    assert.deepEqual(waits, [0, 200, 400, 800, 0]);
    // A second later the schedule has caught up with all but what was reserved ahead.
    assert.equal(await limiter.reserve('smpp', 1, t0 + 1000), 0);
    assert.equal(await limiter.reserve('smpp', 1, t0 + 1000), 200);
  });
});
