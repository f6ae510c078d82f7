import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import type { INestApplicationContext, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JobWorker, type JobEnvelope, type JobName, type JobPayload } from '#common';
import { createTestEnvironment, type TestEnvironment } from './environment.js';
import type { ServiceName } from './processes.js';

const MODULES: Record<ServiceName, () => Promise<Type>> = {
  intake: async () => (await import('../../apps/intake/src/intake.module.js')).IntakeModule,
  routing: async () => (await import('../../apps/routing/src/routing.module.js')).RoutingModule,
  notify: async () => (await import('../../apps/notify/src/notify.module.js')).NotifyModule,
};

export interface TestService {
  readonly env: TestEnvironment;
  readonly app: INestApplicationContext;
  /** What the service logged, one entry a line, as a process's output. */
  readonly output: string;
  /**
   * Hands a job to the service's handler as its worker would: checked against the contract, in a
   * transaction, once per message id. False when that message was processed already.
   */
  deliver<N extends JobName>(name: N, payload: JobPayload<N>, messageId?: string): Promise<boolean>;
}

/**
 * The middle tier of the tests: one service's modules in this process (no HTTP server, no other
 * service) against a fresh environment on the real PostgreSQL and Redis, started before the tests
 * of the enclosing describe and closed after them. A rule inside a service is tested here by
 * delivering jobs straight to its handlers; the process tests keep one flow each.
 */
export function withService(
  service: ServiceName,
  options: { demo?: boolean; settings?: Record<string, string> } = {},
): TestService {
  let env: TestEnvironment | undefined;
  let app: INestApplicationContext | undefined;
  const logged: string[] = [];
  const record = (message: unknown) => {
    logged.push(typeof message === 'string' ? message : JSON.stringify(message));
  };
  const logger: LoggerService = { log: record, warn: record, error: record };
  before(async () => {
    env = await createTestEnvironment({ demo: options.demo });
    // The configuration is read from the environment, by some modules as they are defined: set
    // before the service's modules are loaded. Each test file runs in a process of its own.
    Object.assign(process.env, env.env, { LOG_LEVEL: 'warn' }, options.settings);
    app = await NestFactory.createApplicationContext(await MODULES[service](), { logger });
  });
  after(async () => {
    await app?.close();
    await env?.dispose();
  });
  const ready = () => {
    if (!env || !app) throw new Error(`withService: ${service} starts in before()`);
    return { env, app };
  };
  return {
    get env() {
      return ready().env;
    },
    get app() {
      return ready().app;
    },
    get output() {
      return logged.join('\n');
    },
    deliver(name, payload, messageId = randomUUID()) {
      const envelope: JobEnvelope = {
        messageId,
        correlationId: randomUUID(),
        occurredAt: new Date().toISOString(),
        payload,
      };
      return ready()
        .app.get(JobWorker)
        .process({ name, id: messageId, data: envelope } as Job<JobEnvelope>);
    },
  };
}
