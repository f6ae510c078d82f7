import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  createServer,
  request as upstreamRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { once } from 'node:events';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export type ApiService = 'intake' | 'routing' | 'notify';

/**
 * Which service answers each API path (the services' controllers), and the queue board. The first prefix that matches
 * a whole path segment wins, so the narrower notify prefix comes before intake's /public.
 */
export const API_ROUTES: readonly (readonly [prefix: string, service: ApiService])[] = [
  ['/api/v1/public/sms-receipts', 'notify'],
  ['/api/v1/public', 'intake'],
  ['/api/v1/petitions', 'intake'],
  ['/api/v1/divisions', 'intake'],
  ['/api/v1/notifications', 'notify'],
  ['/api/v1/call-backs', 'notify'],
  ['/api/v1/duty-rosters', 'notify'],
  ['/api/v1/urgent-alerts', 'notify'],
  ['/api/v1/calendar', 'notify'],
  ['/api/v1/auth', 'routing'],
  ['/api/v1/me', 'routing'],
  ['/api/v1/staff', 'routing'],
  ['/api/v1/units', 'routing'],
  ['/api/v1/workbench', 'routing'],
  ['/api/v1/transfers', 'routing'],
  ['/api/v1/triage', 'routing'],
  ['/api/v1/cases', 'routing'],
  ['/api/v1/supervision', 'routing'],
  ['/api/v1/audit-events', 'routing'],
  // The queue board (Bull Board, routing's QueueBoardModule) and its sign-in page.
  ['/admin/queues', 'routing'],
];

/** The service that answers `path` (with or without a query string), or null. */
export function serviceFor(path: string): ApiService | null {
  const pathname = path.split('?', 1)[0] ?? '';
  for (const [prefix, service] of API_ROUTES) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return service;
  }
  return null;
}

/** Where `npm run build:web` writes the pages (apps/web/vite.config.ts). */
export const WEB_DIST = fileURLToPath(new URL('../../../../apps/web/dist', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

// antd writes its styles at run time (CSS-in-JS), hence inline styles; scripts only from here.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface WebGatewayOptions {
  port: number;
  host?: string;
  /** Base URL of each service, e.g. http://127.0.0.1:3001. */
  services: Record<ApiService, string>;
  webDir?: string;
  /** How long a service may take to start answering before the browser gets 504. */
  upstreamTimeoutMs?: number;
}

const UPSTREAM_TIMEOUT_MS = 60_000;

/**
 * One origin for browsers: the built pages, and /api/v1/... passed through unchanged to the
 * service that owns the path. No business logic: a static file server and a reverse proxy, in
 * node:http, so streaming bodies, uploads and status codes pass as they are.
 */
export async function startWebGateway(options: WebGatewayOptions): Promise<Server> {
  const webDir = resolve(options.webDir ?? WEB_DIST);
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const service = serviceFor(url);
    if (service) {
      const target = new URL(options.services[service]);
      proxy(request, response, target, options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS);
      return;
    }
    if (url.startsWith('/api/')) {
      sendError(response, 404, 'NOT_FOUND', '没有这个接口', 'No such API');
      return;
    }
    serveStatic(webDir, request, response).catch(() => {
      if (!response.headersSent) sendError(response, 500, 'INTERNAL', '服务器错误', 'Server error');
      else response.destroy();
    });
  });
  server.listen(options.port, options.host ?? '0.0.0.0');
  await once(server, 'listening');
  return server;
}

function proxy(request: IncomingMessage, response: ServerResponse, target: URL, timeoutMs: number) {
  const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress]
    .filter(Boolean)
    .join(', ');
  const upstream = upstreamRequest(
    {
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, 'x-forwarded-for': forwardedFor },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  let timedOut = false;
  // A stuck service never holds a browser's request open for ever.
  upstream.setTimeout(timeoutMs, () => {
    timedOut = true;
    upstream.destroy();
  });
  upstream.on('error', () => {
    if (response.headersSent) response.destroy();
    else if (timedOut) {
      sendError(
        response,
        504,
        'SERVICE_TIMEOUT',
        '服务响应超时，请稍后重试',
        'The service did not answer in time',
      );
    } else sendError(response, 502, 'SERVICE_UNAVAILABLE', '服务暂时不可用', 'Service unavailable');
  });
  // A browser that gave up frees the service's side too.
  response.on('close', () => {
    if (!response.writableFinished) upstream.destroy();
  });
  request.pipe(upstream);
}

async function serveStatic(webDir: string, request: IncomingMessage, response: ServerResponse) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendError(response, 405, 'METHOD_NOT_ALLOWED', '不支持此方法', 'Method not allowed');
    return;
  }
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  const wanted = resolve(join(webDir, pathname));
  const inside = wanted === webDir || wanted.startsWith(webDir + sep);
  const file = inside && (await isFile(wanted)) ? wanted : join(webDir, 'index.html');
  if (!(await isFile(file))) {
    sendError(response, 503, 'WEB_NOT_BUILT', '网页尚未构建', 'Run npm run build:web first');
    return;
  }
  const ext = extname(file);
  const headers: Record<string, string> = {
    ...PAGE_HEADERS,
    'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    // Vite names assets by content hash; the page itself must always be fresh.
    'cache-control': file.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
    vary: 'accept-encoding',
  };
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  if (gzip) headers['content-encoding'] = 'gzip';
  response.writeHead(200, headers);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const body = createReadStream(file);
  (gzip ? body.pipe(createGzip()) : body).pipe(response);
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

function sendError(response: ServerResponse, status: number, code: string, zh: string, en: string) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ statusCode: status, code, message: zh, messages: { zh, en } }));
}
