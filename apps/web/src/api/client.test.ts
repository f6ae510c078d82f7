// @vitest-environment node
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, apiRequest } from './client';

describe('a call to the API', () => {
  // Takes every request and never answers it, as a stuck service or a dropped connection would.
  const silent: Server = createServer(() => undefined);
  let base = '';
  beforeAll(async () => {
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it('ends with TIMEOUT rather than waiting for ever', async () => {
    const call = apiRequest('GET', `${base}/api/v1/public/petitions/XF-1`, { timeoutMs: 200 });
    await expect(call).rejects.toBeInstanceOf(ApiError);
    await expect(call).rejects.toMatchObject({ status: 0, code: 'TIMEOUT' });
  });

  it('ends with NETWORK when nothing listens', async () => {
    const call = apiRequest('GET', 'http://127.0.0.1:9/api/v1/public/petitions/XF-1');
    await expect(call).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
