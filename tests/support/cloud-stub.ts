import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A local stand-in for a cloud API (the clouds cannot be reached from here): records each
 * request and answers what the test says, a fixed body or one made from the request.
 */
export class CloudStub {
  readonly requests: StubRequest[] = [];
  answer: unknown = {};
  /** The HTTP status of the answers. */
  status = 200;
  /** How long to hold each answer back, in ms (past a client's timeout, say). */
  delayMs = 0;
  /**
   * When set, answers in the stand-in's place, for what a JSON reply cannot show: an HTTP
   * status, a late answer, a page that is not JSON, a connection dropped mid-call.
   */
  respond: ((request: StubRequest, response: ServerResponse) => void) | undefined;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(request);
      if (this.respond) {
        this.respond(request, res);
        return;
      }
      const answer =
        typeof this.answer === 'function'
          ? (this.answer as (request: StubRequest) => unknown)(request)
          : this.answer;
      const reply = () => {
        res.statusCode = this.status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
      };
      if (this.delayMs > 0) setTimeout(reply, this.delayMs);
      else reply();
    });
  });

  get endpoint() {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start() {
    return new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop() {
    return new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }
}

/** One entry of Alibaba Cloud's SmsReport push: the message with `bizId` reached `phone`. */
export function aliyunDeliveredReport(entry: {
  phone: string;
  bizId: string | null;
  outId: string;
}) {
  return {
    phone_number: entry.phone,
    send_time: '2026-11-22 10:00:00',
    report_time: '2026-11-22 10:00:05',
    success: true,
    err_code: 'DELIVERED',
    err_msg: '用户接收成功',
    sms_size: '2',
    biz_id: entry.bizId,
    out_id: entry.outId,
  };
}
