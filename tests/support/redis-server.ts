import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { eventually } from './eventually.js';

/** A private Redis the test can stop and start again, on a port of its own. */
export class PrivateRedis {
  private child?: ChildProcess;

  /** With `appendOnlyDir`, Redis keeps an AOF there as production's does, across restarts. */
  constructor(
    readonly port: number,
    private readonly appendOnlyDir?: string,
  ) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        ...(this.appendOnlyDir
          ? ['--appendonly', 'yes', '--dir', this.appendOnlyDir]
          : ['--appendonly', 'no']),
      ],
      { stdio: 'ignore' },
    );
    await eventually(async () => {
      const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        return true;
      } finally {
        client.disconnect();
      }
    }, `redis on ${this.port}`);
  }

  /** SIGKILL by default; SIGTERM is an operator's restart (Redis writes its AOF and exits). */
  async stop(signal: NodeJS.Signals = 'SIGKILL') {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }
}
