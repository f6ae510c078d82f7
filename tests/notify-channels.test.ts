import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import smpp from 'smpp';
import {
  AliyunSmsProvider,
  type AliyunSmsSettings,
} from '../apps/notify/src/channels/aliyun-sms.provider.js';
import {
  DeliveryError,
  type DeliveryReceipt,
  type OutgoingMessage,
} from '../apps/notify/src/channels/channel.js';
import { canonicalQuery, tc3Authorization } from './support/cloud-signatures.js';
import { EmailChannel } from '../apps/notify/src/channels/email.channel.js';
import { SmppSmsProvider } from '../apps/notify/src/channels/smpp-sms.provider.js';
import { TencentSmsProvider } from '../apps/notify/src/channels/tencent-sms.provider.js';
import { render } from '../apps/notify/src/notifications/templates.js';
import { CloudStub } from './support/cloud-stub.js';
import { eventually } from './support/eventually.js';
import { TestMailbox } from './support/test-mailbox.js';
import { TestSmsc } from './support/test-smsc.js';

const PHONE = '13800138000';

const message = (text: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  notificationId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
  template: 'petition.receipt',
  subject: '信访事项已登记',
  text,
  params: {},
  ...extra,
});

const receipt = () => ({
  notificationId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
  template: 'petition.receipt',
  ...render(
    'petition.receipt',
    { caseNo: 'XF-510903-20261207-000012' },
    { queryCode: '7K3M9Q2X5T' },
  ),
});

const rejects =
  (code: string, retryable: boolean, kind = retryable ? undefined : 'REFUSED') =>
  (error: unknown) =>
    error instanceof DeliveryError &&
    error.code === code &&
    error.retryable === retryable &&
    (kind === undefined || error.kind === kind);

describe('SMS over SMPP to a local SMSC', { timeout: 60_000 }, () => {
  const smsc = new TestSmsc();
  let provider: SmppSmsProvider;

  before(async () => {
    await smsc.start();
    provider = new SmppSmsProvider({
      url: smsc.url,
      systemId: 'xinfang',
      password: 'secret',
      sourceAddr: '10690000',
      enquireLinkMs: 200,
      timeoutMs: 5_000,
    });
  });

  after(async () => {
    await provider.close();
    await smsc.stop();
  });

  it('binds as a transceiver and sends a short text as one UCS-2 message', async () => {
    const delivered = await provider.send(PHONE, message('您的信访事项已受理。'));
    assert.deepEqual(smsc.binds, [{ systemId: 'xinfang', password: 'secret' }]);
    const [sm] = smsc.submitted;
    assert.equal(sm?.destination, PHONE);
    assert.equal(sm.source, '10690000');
    assert.equal(sm.dataCoding, 0x08, 'UCS-2');
    assert.equal(sm.esmClass, 0, 'no header');
    assert.equal(sm.text, '您的信访事项已受理。');
    assert.equal(sm.registeredDelivery, 1, 'a delivery receipt is asked for');
    assert.equal(delivered.providerMessageId, 'SMSC-1');
    assert.deepEqual(delivered.partIds, ['SMSC-1']);
  });

  it('sends a long text as concatenated parts that join into the whole text', async () => {
    const before = smsc.submitted.length;
    const { text } = receipt();
    assert.ok(text.length > 70, 'the receipt needs two parts');
    const delivered = await provider.send(PHONE, receipt());
    const parts = smsc.submitted.slice(before);
    assert.equal(parts.length, 2);
    for (const part of parts) {
      assert.equal(part.esmClass & 0x40, 0x40, 'UDH indicator');
      assert.equal(part.dataCoding, 0x08);
      assert.equal(part.concatenation?.total, 2);
      assert.equal(part.concatenation.reference, parts[0]?.concatenation?.reference);
    }
    assert.deepEqual(
      parts.map((p) => p.concatenation?.sequence),
      [1, 2],
    );
    assert.equal(parts[0]?.text.length, 67);
    const whole = smsc.messages().at(-1);
    assert.deepEqual(whole, { destination: PHONE, text, parts: 2 });
    assert.match(whole.text, /XF-510903-20261207-000012.*7K3M9Q2X5T/);
    assert.equal(delivered.providerMessageId, 'SMSC-2,SMSC-3');
    assert.deepEqual(delivered.partIds, ['SMSC-2', 'SMSC-3']);
    assert.ok(
      parts.every((part) => part.registeredDelivery === 1),
      'a receipt for each part',
    );
  });

  it('sends a Chinese message of 150 characters as 3 parts that join correctly', async () => {
    const before = smsc.messages().length;
    const text = '信访事项办理进展通知'.repeat(15);
    assert.equal(text.length, 150);
    await provider.send(PHONE, { ...receipt(), text });
    const parts = smsc.submitted.filter((p) => p.concatenation?.total === 3).slice(-3);
    assert.deepEqual(
      parts.map((p) => [p.concatenation?.sequence, p.text.length]),
      [
        [1, 67],
        [2, 67],
        [3, 16],
      ],
    );
    assert.deepEqual(smsc.messages().slice(before), [{ destination: PHONE, text, parts: 3 }]);
  });

  it('passes each delivery receipt on, and answers the SMSC once it is stored', async () => {
    const received: DeliveryReceipt[] = [];
    let store = (receipt: DeliveryReceipt) => {
      received.push(receipt);
      return Promise.resolve();
    };
    provider.onReceipt((receipt) => store(receipt));
    smsc.receipts = (sm) => (sm.destination === PHONE ? 'DELIVRD' : 'UNDELIV');
    try {
      const answered = smsc.receiptAnswers.length;
      const delivered = await provider.send(PHONE, receipt());
      await provider.send('13900000000', message('号码已停机'));
      await eventually(() => received.length === 3, 'three receipts');
      assert.deepEqual(received, [
        ...delivered.partIds.map((messageId) => ({
          provider: 'smpp',
          messageId,
          state: 'DELIVERED',
          errorCode: null,
        })),
        {
          provider: 'smpp',
          messageId: smsc.submitted.at(-1)?.messageId,
          state: 'FAILED',
          errorCode: 'UNDELIV:001',
        },
      ]);
      await eventually(() => smsc.receiptAnswers.length === answered + 3, 'the answers');
      assert.deepEqual(smsc.receiptAnswers.slice(answered), [0, 0, 0]);

      // Not stored (the database is away, say): the SMSC is told to try again later.
      store = () => Promise.reject(new Error('database unavailable'));
      await provider.send(PHONE, message('回执未能保存'));
      await eventually(() => smsc.receiptAnswers.length === answered + 4, 'the refusal');
      assert.equal(smsc.receiptAnswers.at(-1), smpp.errors.ESME_RX_T_APPN);
    } finally {
      smsc.receipts = null;
    }
  });

  it('keeps one bound session, checks it with enquire_link, and binds again after a loss', async () => {
    assert.equal(smsc.binds.length, 1, 'both messages went over the first session');
    await eventually(() => smsc.enquireLinks > 0, 'an enquire_link');
    smsc.dropSessions();
    await eventually(async () => {
      try {
        await provider.send(PHONE, message('重新连接后发送'));
        return true;
      } catch (error) {
        // The drop may be noticed by this very send (it was not written, or never answered);
        // the next one binds anew.
        assert.ok(
          error instanceof DeliveryError && (error.retryable || error.kind === 'UNCERTAIN'),
        );
        return false;
      }
    }, 'a send after the SMSC dropped the session');
    assert.equal(smsc.binds.length, 2);
    assert.equal(smsc.messages().at(-1)?.text, '重新连接后发送');
  });

  it('reports an SMSC error status by name, retryable unless the number is refused', async () => {
    smsc.failWith = smpp.errors.ESME_RSYSERR ?? 0x08;
    await assert.rejects(provider.send(PHONE, message('系统错误')), rejects('ESME_RSYSERR', true));
    smsc.failWith = smpp.errors.ESME_RINVDSTADR ?? 0x0b;
    await assert.rejects(
      provider.send(PHONE, message('号码错误')),
      rejects('ESME_RINVDSTADR', false),
    );
    smsc.failWith = null;
  });

  it('fails a message whose later part is refused for good: a retry would repeat the first', async () => {
    smsc.refuse = (sm) =>
      sm.concatenation?.sequence === 2 ? (smpp.errors.ESME_RSYSERR ?? 0x08) : null;
    try {
      await assert.rejects(provider.send(PHONE, receipt()), rejects('ESME_RSYSERR', false));
    } finally {
      smsc.refuse = null;
    }
  });

  it('fails a bind with wrong credentials as an outage, retryable, and sends nothing', async () => {
    const wrong = new SmppSmsProvider({
      url: smsc.url,
      systemId: 'xinfang',
      password: 'wrong',
      enquireLinkMs: 30_000,
      timeoutMs: 5_000,
    });
    const before = smsc.submitted.length;
    await assert.rejects(
      wrong.send(PHONE, message('不应发送')),
      (error: unknown) =>
        rejects('SMPP_BIND_ESME_RBINDFAIL', true)(error) &&
        (error as DeliveryError).kind === 'UNREACHABLE',
    );
    assert.equal(smsc.submitted.length, before);
    await wrong.close();
  });

  it('keeps at most its window of submissions waiting for the SMSC at once', async () => {
    const windowed = new SmppSmsProvider({
      url: smsc.url,
      systemId: 'xinfang',
      password: 'secret',
      enquireLinkMs: 30_000,
      timeoutMs: 30_000,
      window: 2,
    });
    try {
      const before = smsc.submitted.length;
      smsc.maxOutstanding = 0;
      smsc.holdResponses = true;
      const sends = [1, 2, 3].map((n) => windowed.send(PHONE, message(`窗口${n}`)));
      await eventually(() => smsc.submitted.length === before + 2, 'two submissions');
      smsc.release();
      await Promise.all(sends);
      assert.equal(smsc.submitted.length, before + 3);
      assert.equal(smsc.maxOutstanding, 2);
    } finally {
      smsc.release();
      await windowed.close();
    }
  });
});

describe('email over SMTP to a local server', { timeout: 30_000 }, () => {
  const mailbox = new TestMailbox();
  let channel: EmailChannel;

  before(async () => {
    await mailbox.start();
    channel = new EmailChannel({
      url: mailbox.url,
      from: '信访平台 <noreply@xinfang.example>',
      timeoutMs: 5_000,
    });
  });

  after(async () => {
    await mailbox.stop();
  });

  it('delivers subject and text in Chinese, readable after decoding', async () => {
    const rendered = render('assignment.created', {
      caseNo: 'XF-510903-20261207-000012',
      dueAt: '2026-12-22T15:59:59.999Z',
    });
    const delivered = await channel.send('xfj@suining.example', {
      notificationId: '0b7f2c1d-5e3a-4f6b-8c9d-1a2b3c4d5e6f',
      template: 'assignment.created',
      ...rendered,
    });
    const [mail] = mailbox.received;
    assert.ok(mail);
    assert.equal(mail.from, 'noreply@xinfang.example');
    assert.deepEqual(mail.to, ['xfj@suining.example']);
    assert.equal(mail.subject, '新交办信访事项 XF-510903-20261207-000012');
    assert.equal(mail.text, rendered.text);
    assert.match(mail.text, /时限至2026年12月22日/);
    assert.equal(mail.headers.get('message-id'), delivered.providerMessageId);
    assert.equal(
      mail.headers.get('x-xinfang-notification'),
      '0b7f2c1d-5e3a-4f6b-8c9d-1a2b3c4d5e6f',
    );
  });

  it('reports a refused mailbox as a final failure with the SMTP reply code', async () => {
    mailbox.refuse.add('gone@suining.example');
    await assert.rejects(
      channel.send('gone@suining.example', message('内容')),
      rejects('SMTP_550', false),
    );
  });

  it('tries again later when the server never greets: nothing was handed over', async () => {
    const peer = await ScriptedSmtpPeer.start('silent');
    try {
      const silent = new EmailChannel({
        url: peer.url,
        from: 'noreply@xinfang.example',
        timeoutMs: 300,
      });
      await assert.rejects(
        silent.send('xfj@suining.example', message('内容')),
        rejects('SMTP_ETIMEDOUT', true, 'UNREACHABLE'),
      );
      assert.equal(peer.messages, 0);
    } finally {
      await peer.stop();
    }
  });

  it('sends once, and calls it uncertain, when the link drops after the message went over', async () => {
    const peer = await ScriptedSmtpPeer.start('drop-after-data');
    try {
      const dropping = new EmailChannel({
        url: peer.url,
        from: 'noreply@xinfang.example',
        timeoutMs: 2_000,
      });
      await assert.rejects(
        dropping.send('xfj@suining.example', message('内容')),
        rejects('SMTP_ECONNECTION', false, 'UNCERTAIN'),
      );
      // Nothing in the channel sends it again by itself (nodemailer's pool would).
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(peer.messages, 1);
    } finally {
      await peer.stop();
    }
  });
});

/**
 * A minimal SMTP peer on a raw socket, for what smtp-server will not do: never greet, or take a
 * whole message and hang up before answering it. Counts the messages it received.
 */
class ScriptedSmtpPeer {
  messages = 0;
  readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(script: 'silent' | 'drop-after-data'): Promise<ScriptedSmtpPeer> {
    const server = createServer((socket) => {
      peer.sockets.add(socket);
      if (script === 'silent') return;
      let inData = false;
      let buffered = '';
      socket.write('220 peer ESMTP\r\n');
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        if (inData) {
          if (!buffered.includes('\r\n.\r\n')) return;
          peer.messages += 1;
          socket.destroy();
          return;
        }
        let end: number;
        while ((end = buffered.indexOf('\r\n')) >= 0) {
          const line = buffered.slice(0, end).toUpperCase();
          buffered = buffered.slice(end + 2);
          if (line.startsWith('DATA')) {
            inData = true;
            socket.write('354 go ahead\r\n');
            return;
          }
          socket.write(line.startsWith('QUIT') ? '221 bye\r\n' : '250 ok\r\n');
        }
      });
    });
    const peer = new ScriptedSmtpPeer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return peer;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TEMPLATES = { 'petition.receipt': { code: 'T-RECEIPT', params: ['caseNo', 'queryCode'] } };

describe('Alibaba Cloud SendSms, against a local stand-in', { timeout: 30_000 }, () => {
  const cloud = new CloudStub();
  let provider: AliyunSmsProvider;
  const settings = (extra: Partial<AliyunSmsSettings> = {}): AliyunSmsSettings => ({
    endpoint: cloud.endpoint,
    accessKeyId: 'LTAI-test-id',
    accessKeySecret: 'test-secret',
    signName: '遂宁信访',
    templates: TEMPLATES,
    timeoutMs: 5_000,
    ...extra,
  });
  const OK = { Code: 'OK', Message: 'OK', BizId: '9006197469364984400', RequestId: 'r1' };
  const reply =
    (status: number, body: string, contentType = 'application/json', delayMs = 0) =>
    (_request: unknown, response: ServerResponse) => {
      setTimeout(() => {
        response.writeHead(status, { 'content-type': contentType });
        response.end(body);
      }, delayMs);
    };

  before(async () => {
    await cloud.start();
    provider = new AliyunSmsProvider(settings());
  });

  afterEach(() => {
    cloud.respond = undefined;
  });

  after(() => cloud.stop());

  it('sends, through the SDK, the signed V3 request that SendSms expects', async () => {
    cloud.answer = OK;
    const delivered = await provider.send(PHONE, receipt());
    assert.deepEqual(delivered, {
      providerMessageId: '9006197469364984400',
      partIds: ['9006197469364984400'],
    });
    assert.equal(cloud.requests.length, 1);
    const [request] = cloud.requests;
    assert.ok(request);
    // An RPC-style call: the parameters go in the query of a POST with no body.
    assert.equal(request.method, 'POST');
    assert.equal(request.body, '');
    const url = new URL(request.url, cloud.endpoint);
    assert.equal(url.pathname, '/');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      OutId: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
      PhoneNumbers: PHONE,
      SignName: '遂宁信访',
      TemplateCode: 'T-RECEIPT',
      TemplateParam: '{"caseNo":"XF-510903-20261207-000012","queryCode":"7K3M9Q2X5T"}',
    });
    assert.match(url.search, /SignName=%E9%81%82%E5%AE%81/, 'UTF-8 percent-encoding in the query');
    const h = request.headers;
    assert.equal(h.host, new URL(cloud.endpoint).host);
    assert.equal(h['x-acs-action'], 'SendSms');
    assert.equal(h['x-acs-version'], '2017-05-25');
    assert.match(String(h['x-acs-date']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(String(h['x-acs-signature-nonce']).length >= 16);
    assert.equal(h['x-acs-content-sha256'], sha256(''));
    assert.equal(h['x-acs-credentials-provider'], 'static_ak');

    // The SDK's signature, recomputed here from the documented steps: host and every x-acs-
    // header signed, the query canonicalised as both clouds do (names sorted, RFC 3986).
    const signedNames = [
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-credentials-provider',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ];
    const canonical = [
      'POST',
      '/',
      canonicalQuery(Object.fromEntries(url.searchParams)),
      signedNames.map((name) => `${name}:${String(h[name]).trim()}\n`).join(''),
      signedNames.join(';'),
      sha256(''),
    ].join('\n');
    const signature = createHmac('sha256', 'test-secret')
      .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
      .digest('hex');
    assert.equal(
      h.authorization,
      `ACS3-HMAC-SHA256 Credential=LTAI-test-id,SignedHeaders=${signedNames.join(';')},Signature=${signature}`,
    );
  });

  it('retries a rate limit and gives up on an illegal number', async () => {
    cloud.answer = { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' };
    await assert.rejects(
      provider.send(PHONE, receipt()),
      rejects('isv.BUSINESS_LIMIT_CONTROL', true),
    );
    cloud.answer = { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' };
    await assert.rejects(
      provider.send(PHONE, receipt()),
      rejects('isv.MOBILE_NUMBER_ILLEGAL', false),
    );
  });

  it('refuses a template that has no provider template', async () => {
    const before = cloud.requests.length;
    await assert.rejects(
      provider.send(PHONE, message('文本', { template: 'case.accepted' })),
      rejects('TEMPLATE_NOT_MAPPED', false),
    );
    assert.equal(cloud.requests.length, before, 'nothing was sent');
  });

  it('never retries inside the SDK: one request per send, whatever the answer', async () => {
    const cases: [ReturnType<typeof reply>, ReturnType<typeof rejects>][] = [
      [
        reply(500, JSON.stringify({ Code: 'InternalError', Message: 'x', RequestId: 'r2' })),
        rejects('HTTP_500', true, 'REFUSED'),
      ],
      [
        reply(400, JSON.stringify({ Code: 'Throttling.User', Message: 'x', RequestId: 'r3' })),
        rejects('Throttling.User', true, 'REFUSED'),
      ],
      [
        reply(503, JSON.stringify({ Code: 'ServiceUnavailable', Message: 'x', RequestId: 'r4' })),
        rejects('HTTP_503', true, 'UNREACHABLE'),
      ],
      // A gateway's own error page, not JSON: its status still counts.
      [
        reply(502, '<html><body>502 Bad Gateway</body></html>', 'text/html'),
        rejects('HTTP_502', true, 'UNREACHABLE'),
      ],
      [reply(200, 'not json', 'text/plain'), rejects('HTTP_200_NOT_JSON', true, 'REFUSED')],
    ];
    for (const [respond, expected] of cases) {
      cloud.respond = respond;
      const before = cloud.requests.length;
      await assert.rejects(provider.send(PHONE, receipt()), expected);
      assert.equal(cloud.requests.length, before + 1, 'exactly one request');
    }
  });

  it('reports a timeout as UNCERTAIN, once, within the configured time', async () => {
    const quick = new AliyunSmsProvider(settings({ timeoutMs: 300 }));
    cloud.respond = reply(200, JSON.stringify(OK), 'application/json', 1_000);
    const before = cloud.requests.length;
    const started = Date.now();
    await assert.rejects(quick.send(PHONE, receipt()), rejects('HTTP_TIMEOUT', false, 'UNCERTAIN'));
    assert.ok(Date.now() - started < 1_000, 'the SDK used our timeout, not its own');
    assert.equal(cloud.requests.length, before + 1);
  });

  it('reports a connection dropped after the request as UNCERTAIN', async () => {
    cloud.respond = (_request, response) => response.socket?.destroy();
    const before = cloud.requests.length;
    await assert.rejects(
      provider.send(PHONE, receipt()),
      rejects('HTTP_CONNECTION_LOST', false, 'UNCERTAIN'),
    );
    assert.equal(cloud.requests.length, before + 1);
  });

  it('reports a refused connection as an outage, retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offline = new AliyunSmsProvider(
      settings({ endpoint: `http://127.0.0.1:${String(port)}` }),
    );
    await assert.rejects(
      offline.send(PHONE, receipt()),
      rejects('HTTP_UNREACHABLE', true, 'UNREACHABLE'),
    );
  });

  it("keeps a later send on a kept-alive connection clear of an earlier send's timer", async () => {
    // The SDK's HTTP client arms a read timer per request and leaves it running after the
    // answer; the second send reuses the connection while the first's timer is still due.
    const quick = new AliyunSmsProvider(settings({ timeoutMs: 400 }));
    cloud.respond = reply(200, JSON.stringify(OK));
    await quick.send(PHONE, receipt());
    await new Promise((resolve) => setTimeout(resolve, 200));
    cloud.respond = reply(200, JSON.stringify(OK), 'application/json', 300);
    const delivered = await quick.send(PHONE, receipt());
    assert.equal(delivered.providerMessageId, OK.BizId);
  });
});

describe('Tencent Cloud SendSms, against a local stand-in', { timeout: 30_000 }, () => {
  const cloud = new CloudStub();
  const settings = (endpoint: string, timeoutMs = 5_000) => ({
    endpoint,
    secretId: 'AKID-test',
    secretKey: 'test-key',
    sdkAppId: '1400000001',
    signName: '遂宁信访',
    region: 'ap-guangzhou',
    templates: TEMPLATES,
    timeoutMs,
  });
  let provider: TencentSmsProvider;

  before(async () => {
    await cloud.start();
    provider = new TencentSmsProvider(settings(cloud.endpoint));
  });

  after(() => cloud.stop());

  it('sends the TC3-signed JSON request that SendSms 2021-01-11 expects', async () => {
    cloud.answer = {
      Response: {
        SendStatusSet: [{ SerialNo: '2640:1', PhoneNumber: `+86${PHONE}`, Code: 'Ok' }],
        RequestId: 'r1',
      },
    };
    const before = cloud.requests.length;
    const delivered = await provider.send(PHONE, receipt());
    assert.deepEqual(delivered, { providerMessageId: '2640:1', partIds: ['2640:1'] });
    assert.equal(cloud.requests.length, before + 1);
    const request = cloud.requests[before];
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/');
    const h = request.headers;
    const endpoint = new URL(cloud.endpoint);
    assert.equal(h.host, endpoint.host);
    assert.equal(h['content-type'], 'application/json');
    assert.equal(h['x-tc-action'], 'SendSms');
    assert.equal(h['x-tc-version'], '2021-01-11');
    assert.equal(h['x-tc-region'], 'ap-guangzhou');
    assert.deepEqual(JSON.parse(request.body), {
      PhoneNumberSet: [`+86${PHONE}`],
      SmsSdkAppId: '1400000001',
      SignName: '遂宁信访',
      TemplateId: 'T-RECEIPT',
      TemplateParamSet: ['XF-510903-20261207-000012', '7K3M9Q2X5T'],
      SessionContext: '6f1b1c2e-0d7a-4c55-9a8e-3c2b1a0f9e8d',
    });

    // The SDK's signature, recomputed here. It signs the host without its port, and names the
    // service after the endpoint's first label: sms at sms.tencentcloudapi.com, 127 here.
    const timestamp = Number(h['x-tc-timestamp']);
    assert.ok(Math.abs(timestamp - Date.now() / 1000) < 60, 'a current X-TC-Timestamp');
    assert.equal(
      h.authorization,
      tc3Authorization({
        host: endpoint.hostname,
        service: endpoint.host.split('.')[0] ?? '',
        contentType: 'application/json',
        payload: request.body,
        timestamp,
        secretId: 'AKID-test',
        secretKey: 'test-key',
      }),
    );
  });

  it('gives up on a refused signature and retries a rate limit', async () => {
    cloud.answer = { Response: { Error: { Code: 'AuthFailure.SignatureFailure' } } };
    await assert.rejects(
      provider.send(PHONE, receipt()),
      rejects('AuthFailure.SignatureFailure', false),
    );
    cloud.answer = {
      Response: { SendStatusSet: [{ Code: 'LimitExceeded.PhoneNumberThirtySecondLimit' }] },
    };
    await assert.rejects(
      provider.send(PHONE, receipt()),
      rejects('LimitExceeded.PhoneNumberThirtySecondLimit', true),
    );
    cloud.answer = {
      Response: { SendStatusSet: [{ Code: 'InvalidParameterValue.IncorrectPhoneNumber' }] },
    };
    await assert.rejects(
      provider.send(PHONE, receipt()),
      rejects('InvalidParameterValue.IncorrectPhoneNumber', false),
    );
    cloud.answer = {};
    await assert.rejects(provider.send(PHONE, receipt()), rejects('TENCENT_NO_STATUS', false));
  });

  it('sends once on a server error, and leaves the retry to the platform', async () => {
    cloud.answer = { Response: { Error: { Code: 'InternalError' } } };
    try {
      for (const [status, kind] of [
        [500, 'REFUSED'],
        [503, 'UNREACHABLE'],
      ] as const) {
        cloud.status = status;
        const before = cloud.requests.length;
        await assert.rejects(
          provider.send(PHONE, receipt()),
          rejects(`HTTP_${String(status)}`, true, kind),
        );
        assert.equal(cloud.requests.length, before + 1, 'exactly one request');
      }
    } finally {
      cloud.status = 200;
    }
  });

  it('calls a timeout uncertain, and does not send again', async () => {
    cloud.answer = { Response: { SendStatusSet: [{ SerialNo: '2640:2', Code: 'Ok' }] } };
    cloud.delayMs = 1_500;
    try {
      const before = cloud.requests.length;
      const impatient = new TencentSmsProvider(settings(cloud.endpoint, 300));
      const started = Date.now();
      await assert.rejects(
        impatient.send(PHONE, receipt()),
        rejects('HTTP_TIMEOUT', false, 'UNCERTAIN'),
      );
      assert.ok(Date.now() - started < 1_200, 'gave up at its own timeout');
      assert.equal(cloud.requests.length, before + 1, 'exactly one request');
    } finally {
      cloud.delayMs = 0;
    }
  });

  it('calls a refused connection unreachable, and a dropped one uncertain', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(
      new TencentSmsProvider(settings(`http://127.0.0.1:${String(port)}`)).send(PHONE, receipt()),
      rejects('HTTP_UNREACHABLE', true, 'UNREACHABLE'),
    );

    // Takes the request, then drops the connection without answering.
    const dropping = createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${String((dropping.address() as AddressInfo).port)}`;
      await assert.rejects(
        new TencentSmsProvider(settings(endpoint)).send(PHONE, receipt()),
        rejects('HTTP_CONNECTION_LOST', false, 'UNCERTAIN'),
      );
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });
});
