import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/config.schema.js';
import { currentCorrelationId } from './correlation.js';

/**
 * JSON logs. Requests are logged by method, route and status only: URLs can carry query codes,
 * and bodies carry personal data, so neither is logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          mixin: () => {
            const correlationId = currentCorrelationId();
            return correlationId ? { correlationId } : {};
          },
          // The correlation middleware has already put the id in the request headers.
          genReqId: (req: IncomingMessage) => String(req.headers['x-correlation-id'] ?? ''),
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
