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
import { ApiExceptionFilter } from './api-exception.filter.js';

type PortSetting = 'INTAKE_PORT' | 'ROUTING_PORT' | 'NOTIFY_PORT';

/**
 * Starts one service. A bad configuration stops it before anything else, naming the setting.
 * SIGTERM and SIGINT close it gracefully: HTTP stops, the worker finishes its jobs, connections close.
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
  // Loaded only now: module definitions read the configuration checked above.
  const app = await NestFactory.create<NestExpressApplication>(await loadModule(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    req.headers[CORRELATION_HEADER] = id;
    res.setHeader(CORRELATION_HEADER, id);
    runWithCorrelationId(id, next);
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalFilters(new ApiExceptionFilter());
  // Exit 0 after a graceful close, so supervisors and tests can tell it from a crash.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen(config[portSetting], '0.0.0.0');
}
