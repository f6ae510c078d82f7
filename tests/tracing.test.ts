import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { eventually } from './support/eventually.js';
import { request, samplePetition } from './support/http.js';
import { withSystem } from './support/system.js';

interface ExportedSpan {
  service: string;
  traceId: string;
  name: string;
  attributes: string;
}

interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { traceId: string; name: string; attributes?: unknown[] }[] }[];
  }[];
}

/** A local OTLP/HTTP receiver (JSON encoding), keeping every span it is sent. */
async function otlpReceiver(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      assert.equal(req.url, '/v1/traces');
      assert.equal(req.headers['content-type'], 'application/json');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest;
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service =
          resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const span of scopeSpans.flatMap((s) => s.spans)) {
          spans.push({
            service,
            traceId: span.traceId,
            name: span.name,
            attributes: JSON.stringify(span.attributes ?? []),
          });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { server, url: `http://127.0.0.1:${address.port}`, spans };
}

describe('tracing: one petition is one trace', { timeout: 180_000 }, () => {
  before(async () => {
    receiver = await otlpReceiver();
  });
  const sut = withSystem({
    demo: true,
    settings: () => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // Export soon after each span ends, rather than every 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    }),
  });
  let receiver: Awaited<ReturnType<typeof otlpReceiver>>;

  after(() => {
    receiver.server.close();
  });

  it('spans of intake, routing and notify share the trace of the submission', async () => {
    const receipt = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(receipt.status, 201);
    const { caseNo, queryCode } = receipt.body;

    const submission = await eventually(
      () =>
        receiver.spans.find(
          (s) =>
            s.service === 'xinfang-intake' &&
            s.name === 'POST /api/v1/public/petitions' &&
            s.attributes.includes('"http.response.status_code"'),
        ),
      'the HTTP span of the submission',
    );
    const inTrace = (service: string, name: RegExp) =>
      receiver.spans.find(
        (s) => s.traceId === submission.traceId && s.service === service && name.test(s.name),
      );
    // The relay's publish, routing's job, and what routing's job caused in intake and notify.
    await eventually(() => inTrace('xinfang-intake', /add routing/), 'the publish span');
    await eventually(() => inTrace('xinfang-routing', /process routing/), 'the routing job');
    await eventually(() => inTrace('xinfang-notify', /process notify/), 'the notify job');
    await eventually(() => inTrace('xinfang-intake', /process intake/), 'the intake job');

    // A query code in a query string is redacted from the spans.
    const tracked = await fetch(
      `${sut.system.intake.url}/api/v1/public/petitions/${caseNo}?queryCode=${queryCode}`,
    );
    assert.equal(tracked.status, 200);
    await eventually(
      () => receiver.spans.find((s) => s.name.startsWith('GET /api/v1/public/petitions')),
      'the tracking span',
    );
    assert.ok(receiver.spans.every((s) => !s.attributes.includes(queryCode)));
  });
});
