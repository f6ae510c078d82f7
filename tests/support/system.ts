import { after, before } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './environment.js';
import { type ServiceName, type ServiceProcess, startSystem, stopSystem } from './processes.js';

export interface SystemOptions {
  /** Seed the demo directory, staff and calendar. */
  demo?: boolean;
  /** Settings of the three services beyond the environment's own, read when they start. */
  settings?: Record<string, string> | (() => Record<string, string>);
  /** What must exist before the services start (staff, units, rows they read at start-up). */
  prepare?: (env: TestEnvironment) => unknown;
  /** Test servers the services talk to (an SMSC, a mailbox): up before them, down after them. */
  servers?: TestServer[];
}

export interface TestServer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The services' settings that point them at it. */
  serviceSettings(): Record<string, string>;
}

export interface TestSystem {
  readonly env: TestEnvironment;
  readonly system: Record<ServiceName, ServiceProcess>;
}

/**
 * The process tests' fixture: a fresh environment and the three services, each in its own process,
 * started before the tests of the enclosing describe and stopped after them (services first, then
 * the database and queues they used, then the test servers), whatever failed on the way.
 */
export function withSystem(options: SystemOptions = {}): TestSystem {
  let env: TestEnvironment | undefined;
  let system: Record<ServiceName, ServiceProcess> | undefined;
  const servers = options.servers ?? [];
  before(async () => {
    for (const server of servers) await server.start();
    env = await createTestEnvironment({ demo: options.demo });
    await options.prepare?.(env);
    const { settings } = options;
    system = await startSystem({
      ...env.env,
      ...Object.fromEntries(servers.flatMap((server) => Object.entries(server.serviceSettings()))),
      ...(typeof settings === 'function' ? settings() : settings),
    });
  });
  after(async () => {
    if (system) await stopSystem(system);
    await env?.dispose();
    for (const server of servers.toReversed()) await server.stop();
  });
  return {
    get env() {
      if (!env) throw new Error('withSystem: the environment is made in before()');
      return env;
    },
    get system() {
      if (!system) throw new Error('withSystem: the services start in before()');
      return system;
    },
  };
}
