import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { API_ROUTES, type ApiService } from '../apps/cli/src/web-gateway.js';
import { eventually } from './support/eventually.js';
import { freePort } from './support/processes.js';

const CONF = fileURLToPath(new URL('../../deploy/nginx/xinfang.conf', import.meta.url));
const COMPOSE_HOSTS: Record<ApiService, string> = {
  intake: 'intake:3001',
  routing: 'routing:3002',
  notify: 'notify:3003',
};

/**
 * The web image's nginx configuration, run by Debian's nginx (/usr/sbin/nginx, or NGINX; .ci/run
 * installs nginx-light): compose's
 * service names replaced by three local servers that answer with their own name.
 */
describe('the web image’s nginx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-nginx-'));
  const upstreams = new Map<ApiService, Server>();
  let nginx: ChildProcess | undefined;
  let base = '';

  before(async () => {
    let conf = readFileSync(CONF, 'utf8').replace(/^resolver .*$/m, '');
    for (const service of ['intake', 'routing', 'notify'] as const) {
      const server = createServer((request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ service, url: request.url }));
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      upstreams.set(service, server);
      const { port } = server.address() as AddressInfo;
      conf = conf.replaceAll(COMPOSE_HOSTS[service], `127.0.0.1:${port}`);
    }
    const port = await freePort();
    conf = conf
      .replace('listen 8080;', `listen 127.0.0.1:${port};`)
      .replace('root /usr/share/nginx/html;', `root ${dir}/html;`);
    // nginx's workers run as another user: the pages must be readable to them, as in the image.
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'server.conf'), conf);
    mkdirSync(join(dir, 'html', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'html', 'index.html'), '<!doctype html><title>信访</title>');
    writeFileSync(join(dir, 'html', 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(
      join(dir, 'nginx.conf'),
      [
        'daemon off;',
        `pid ${dir}/nginx.pid;`,
        'error_log stderr error;',
        'events {}',
        'http {',
        '  access_log off;',
        '  include /etc/nginx/mime.types;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
          (kind) => `  ${kind}_temp_path ${dir}/${kind};`,
        ),
        `  include ${dir}/server.conf;`,
        '}',
      ].join('\n'),
    );
    nginx = spawn(
      process.env.NGINX ?? '/usr/sbin/nginx',
      ['-c', join(dir, 'nginx.conf'), '-p', dir],
      { stdio: 'inherit' },
    );
    base = `http://127.0.0.1:${port}`;
    await eventually(
      () =>
        fetch(`${base}/`).then(
          (r) => r.ok,
          () => false,
        ),
      'nginx to answer',
    );
  });

  after(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = once(nginx, 'exit');
      nginx.kill('SIGQUIT');
      await exited;
    }
    for (const server of upstreams.values()) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes each API path, with its query, to the service that owns it', async () => {
    for (const [prefix, service] of API_ROUTES) {
      for (const path of [prefix, `${prefix}/XF-1?queryCode=a%2Fb`]) {
        const response = await fetch(`${base}${path}`);
        assert.equal(response.status, 200, path);
        assert.deepEqual(await response.json(), { service, url: path }, path);
      }
    }
  });

  it('answers 404 in both languages for an API path no service owns, not with the page', async () => {
    for (const path of ['/api/v1/nothing', '/api/v1/publicity']) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 404, path);
      const body = (await response.json()) as { messages: { zh: string; en: string } };
      assert.deepEqual(body.messages, { zh: '没有这个接口', en: 'No such API' });
    }
  });

  it('serves the page at every address of the app, fresh, with its security headers', async () => {
    for (const path of ['/', '/staff', '/staff/cases/XF-1']) {
      const response = await fetch(`${base}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<title>信访<\/title>/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    }
    const asset = await fetch(`${base}/assets/app-1a2b.js`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  });
});
