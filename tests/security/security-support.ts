import { request as httpRequest } from 'node:http';
import type { JsonResponse } from '../support/http.js';

/**
 * A JSON request sent from a given loopback address (127.0.0.2, 127.0.0.3…), so that tests can
 * play several client IPs against a service listening on 0.0.0.0.
 */
export function requestFrom<T = Record<string, unknown>>(
  localAddress: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<JsonResponse<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      url,
      {
        method,
        localAddress,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') headers.set(name, value);
          }
          resolve({
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : {}) as T,
            headers,
          });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** The claims of a JWT, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresAt: string;
  tokenType: string;
}

/** The board cookie's token, as the board sets it for an API token exchanged once. */
export async function boardCookieFor(routingUrl: string, apiToken: string): Promise<string> {
  const exchange = await fetch(`${routingUrl}/admin/queues?token=${apiToken}`, {
    redirect: 'manual',
  });
  const cookie = exchange.headers.get('set-cookie') ?? '';
  const token = /^xinfang_board=([^;]+)/.exec(cookie)?.[1];
  if (exchange.status !== 303 || !token) throw new Error(`no board cookie: ${exchange.status}`);
  return token;
}
