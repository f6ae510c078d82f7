import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.js';

export type ServiceName = 'intake' | 'routing' | 'notify';
const PORT_SETTING = { intake: 'INTAKE_PORT', routing: 'ROUTING_PORT', notify: 'NOTIFY_PORT' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A service running as its own process, as in production, with its output kept for assertions. */
export class ServiceProcess {
  output = '';
  private child?: ChildProcess;

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** Started and not exited. */
  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id while running, for benchmarks that read its CPU time. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  /** `nodeArgs` go to node itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
  start(extraEnv: Record<string, string> = {}, nodeArgs: string[] = []): ChildProcess {
    const main = fileURLToPath(new URL(`../../apps/${this.name}/src/main.js`, import.meta.url));
    const child = spawn(process.execPath, [...nodeArgs, main], {
      env: {
        PATH: process.env.PATH ?? '',
        ...this.env,
        [PORT_SETTING[this.name]]: String(this.port),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    return child;
  }

  /** Resolves once the service answers the given health probe with 200. */
  async waitUntil(probe: 'live' | 'ready' = 'ready') {
    await eventually(async () => {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} exited early:\n${this.output.slice(-2000)}`);
      }
      const response = await fetch(`${this.url}/health/${probe}`).catch(() => undefined);
      return response?.ok === true;
    }, `${this.name} to be ${probe}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return child?.exitCode ?? null;
    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = (await exited) as [number | null];
    return code;
  }
}

/** The three services, each in its own process, against one test environment. */
export async function startSystem(
  env: Record<string, string>,
): Promise<Record<ServiceName, ServiceProcess>> {
  const system = {
    intake: new ServiceProcess('intake', await freePort(), env),
    routing: new ServiceProcess('routing', await freePort(), env),
    notify: new ServiceProcess('notify', await freePort(), env),
  };
  for (const service of Object.values(system)) service.start();
  try {
    await Promise.all(Object.values(system).map((s) => s.waitUntil('ready')));
  } catch (error) {
    // None is left running for the test runner to wait on.
    await stopSystem(system);
    throw error;
  }
  return system;
}

export async function stopSystem(system: Partial<Record<ServiceName, ServiceProcess>>) {
  await Promise.all(Object.values(system).map((s) => s.stop()));
}
