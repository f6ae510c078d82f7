import { Agent, request as httpRequest } from 'node:http';
import type { FuzzRequest } from './fuzz-requests.js';
import type { ServiceName } from './route-discovery.js';

/** Sends the fuzzer's requests as they are, malformed, over kept-alive connections. */
export class Sender {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

  constructor(private readonly urls: Record<ServiceName, string>) {}

  send(fuzz: FuzzRequest): Promise<{ status: number; answer: string }> {
    const url = new URL(this.urls[fuzz.route.service]);
    return new Promise((resolve) => {
      let req;
      try {
        req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method: fuzz.method,
            path: fuzz.path,
            headers: fuzz.headers,
            agent: this.agent,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              if (size < 2_000) chunks.push(chunk);
              size += chunk.length;
            });
            res.on('end', () => {
              resolve({
                status: res.statusCode ?? 0,
                answer: Buffer.concat(chunks).toString('utf8').slice(0, 500),
              });
            });
            res.on('error', (error) => {
              resolve({ status: 0, answer: String(error) });
            });
          },
        );
      } catch (error) {
        // The client itself refused to send it (a header Node.js will not write): not a request.
        resolve({ status: -1, answer: String(error) });
        return;
      }
      req.setTimeout(60_000, () => {
        req.destroy(new Error('no answer in 60 s'));
      });
      req.on('error', (error) => {
        resolve({ status: 0, answer: String(error) });
      });
      if (fuzz.body) req.end(fuzz.body);
      else req.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}
