import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './processes.js';

/**
 * A TCP forwarder in front of a server (PostgreSQL), so a test can take that server away from
 * one service: cut() drops every connection and refuses new ones, as a database outage does;
 * restore() lets them through again.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** The URL of the target as seen through the proxy. */
  through(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  async restore() {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
  }

  async cut() {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

/** A proxy in front of the PostgreSQL server of `databaseUrl`, letting connections through. */
export async function databaseProxy(databaseUrl: string): Promise<TcpProxy> {
  const database = new URL(databaseUrl);
  const proxy = new TcpProxy(await freePort(), {
    host: database.hostname,
    port: Number(database.port || 5432),
  });
  await proxy.restore();
  return proxy;
}
