import type { Server } from 'node:http';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { loadConfig, type AppConfig } from '../config/config.schema.js';
import {
  CORRELATION_HEADER,
  correlationIdFrom,
  runWithCorrelationId,
} from '../logging/correlation.js';
import { startTracing, stopTracing } from '../telemetry/tracing.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { finishesWithin, startShutdownClock, stopListening } from './graceful-shutdown.js';
import { httpMetrics } from './http-metrics.js';

type PortSetting = 'INTAKE_PORT' | 'ROUTING_PORT' | 'NOTIFY_PORT';

const SERVICE_NAMES: Record<PortSetting, string> = {
  INTAKE_PORT: 'xinfang-intake',
  ROUTING_PORT: 'xinfang-routing',
  NOTIFY_PORT: 'xinfang-notify',
};

/**
 * Starts one service. A bad configuration stops it before anything else, naming the setting.
 * SIGTERM and SIGINT close it gracefully within SHUTDOWN_GRACE_MS: HTTP stops taking requests
 * and answers those in progress, the worker takes no job and finishes its running ones, the
 * outbox relay finishes its batch, connections close, and the process exits 0.
 */
export async function startService(
  portSetting: PortSetting,
  loadModule: () => Promise<Type>,
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78); // EX_CONFIG
  }
  // Before the HTTP stack is loaded, so that it is instrumented.
  startTracing(SERVICE_NAMES[portSetting], config.OTEL_EXPORTER_OTLP_ENDPOINT);
  // Loaded only now: module definitions read the configuration checked above.
  const app = await NestFactory.create<NestExpressApplication>(await loadModule(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // req.ip is the client only through the proxies listed; otherwise the peer's own address.
  app.set('trust proxy', config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false);
  app.use(httpMetrics);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    req.headers[CORRELATION_HEADER] = id;
    res.setHeader(CORRELATION_HEADER, id);
    runWithCorrelationId(id, next);
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalFilters(new ApiExceptionFilter());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void shutDown(app, config.SHUTDOWN_GRACE_MS);
    });
  }
  await app.listen(config[portSetting], '0.0.0.0');
}

/** Exit 0 after a graceful close, so supervisors and tests can tell it from a crash. */
async function shutDown(app: NestExpressApplication, graceMs: number) {
  const logger = app.get(Logger);
  const server: Server = app.getHttpServer();
  startShutdownClock(graceMs);
  try {
    if (!(await finishesWithin(stopListening(server), graceMs))) {
      logger.warn('requests still open after the grace period; closing them', 'Shutdown');
      server.closeAllConnections();
    }
    await app.close();
    await stopTracing();
    process.exit(0);
  } catch (error) {
    logger.error(`shutdown failed: ${String(error)}`, 'Shutdown');
    process.exit(1);
  }
}
