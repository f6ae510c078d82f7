import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import type { AppConfig } from './config/config.schema.js';
import { xinfangConfigModule } from './config/config.module.js';
import type { QueueName } from './contract/queues.js';
import {
  serviceDatabaseUrl,
  serviceDataSourceOptions,
  type ServiceDataSourceSpec,
} from './database/data-source.js';
import { HealthController } from './health/health.controller.js';
import { LoggingModule } from './logging/logging.module.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { API_SERVICE, ApiDocsController } from './openapi/api-docs.controller.js';
import {
  concurrencySettings,
  databasePoolSize,
  workerConcurrency,
} from './messaging/worker-concurrency.js';

export interface ServiceSpec extends ServiceDataSourceSpec {
  consumes: QueueName;
}

/**
 * Everything a xinfang service stands on: config, logs, its schema, messaging, auth, health,
 * metrics, and its API reference at /api/docs.
 */
@Module({})
export class ServiceInfrastructureModule {
  static forService(spec: ServiceSpec): DynamicModule {
    return {
      module: ServiceInfrastructureModule,
      imports: [
        xinfangConfigModule(),
        LoggingModule,
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) =>
            serviceDataSourceOptions(
              {
                DATABASE_URL: serviceDatabaseUrl(
                  {
                    DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
                    INTAKE_DATABASE_URL: config.get('INTAKE_DATABASE_URL', { infer: true }),
                    ROUTING_DATABASE_URL: config.get('ROUTING_DATABASE_URL', { infer: true }),
                    NOTIFY_DATABASE_URL: config.get('NOTIFY_DATABASE_URL', { infer: true }),
                  },
                  spec.schema,
                ),
              },
              spec,
              databasePoolSize(workerConcurrency(concurrencySettings(config), spec.consumes)),
            ),
        }),
        MessagingModule.forService({ schema: spec.schema, consumes: spec.consumes }),
        AuthModule,
        AuditModule.forService(spec.schema),
        TerminusModule,
        MetricsModule,
      ],
      controllers: [HealthController, ApiDocsController],
      providers: [{ provide: API_SERVICE, useValue: spec.schema }],
    };
  }
}
