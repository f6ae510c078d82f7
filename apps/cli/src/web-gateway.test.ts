import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startWebGateway } from './web-gateway.js';

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the web gateway in front of the services', () => {
  // intake answers at once; routing takes every request and never answers it.
  const intake = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ path: request.url }));
  });
  const stuck: Server = createServer(() => undefined);
  let gateway: Server;
  let base = '';

  before(async () => {
    const [intakeUrl, stuckUrl] = [await listen(intake), await listen(stuck)];
    gateway = await startWebGateway({
      port: 0,
      host: '127.0.0.1',
      services: { intake: intakeUrl, routing: stuckUrl, notify: stuckUrl },
      upstreamTimeoutMs: 300,
    });
    base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  });
  after(() => {
    for (const server of [gateway, intake, stuck]) server.closeAllConnections();
    for (const server of [gateway, intake, stuck]) server.close();
  });

  it('passes a request to the service that owns its path, unchanged', async () => {
    const response = await fetch(`${base}/api/v1/public/petitions/XF-1?queryCode=abc`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      path: '/api/v1/public/petitions/XF-1?queryCode=abc',
    });
  });

  it('answers 504 in both languages when a service does not answer in time', async () => {
    const response = await fetch(`${base}/api/v1/workbench`);
    assert.equal(response.status, 504);
    const body = (await response.json()) as { code: string; messages: { zh: string; en: string } };
    assert.equal(body.code, 'SERVICE_TIMEOUT');
    assert.equal(body.messages.zh, '服务响应超时，请稍后重试');
    assert.equal(body.messages.en, 'The service did not answer in time');
  });

  it('passes the queue board to routing, and other pages to the web app', async () => {
    const board = await fetch(`${base}/admin/queues`);
    assert.equal(board.status, 504, 'routing (stuck here) was asked');
    const page = await fetch(`${base}/staff/admin/units`);
    assert.notEqual(page.status, 504);
  });

  it('answers 404 for an API path no service owns', async () => {
    const response = await fetch(`${base}/api/v1/nothing-here`);
    assert.equal(response.status, 404);
  });
});
