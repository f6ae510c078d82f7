import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  AliyunSmsProvider,
  type AliyunSmsSettings,
} from '../apps/notify/src/channels/aliyun-sms.provider.js';
import { TencentSmsProvider } from '../apps/notify/src/channels/tencent-sms.provider.js';
import { canonicalQuery, tc3Authorization } from './support/cloud-signatures.js';
import { CloudStub } from './support/cloud-stub.js';
import { message, PHONE, receipt, rejects } from './support/outgoing-messages.js';

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
