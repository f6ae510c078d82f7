import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '../config/config.schema.js';
import { QueueName } from '../contract/queues.js';
import { bullTelemetry } from '../telemetry/tracing.js';
import { JobWorker } from './job-worker.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { OutboxRelay } from './outbox-relay.js';
import { Transactions } from './transactions.js';

const redisUrl = (config: ConfigService<AppConfig, true>): string =>
  config.get('REDIS_URL', { infer: true });

/** Reliable messaging for one service: its outbox, its relay, and the worker of its queue. */
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) => ({
            // Producers fail fast when Redis is away; the outbox keeps the message meanwhile.
            connection: { url: redisUrl(config), enableOfflineQueue: false },
            prefix: config.get('QUEUE_PREFIX', { infer: true }),
            telemetry: bullTelemetry(),
            defaultJobOptions: {
              attempts: 8,
              backoff: { type: 'exponential', delay: 1_000 },
              // Completed jobs are kept a day so a re-publish of the same id is recognised.
              removeOnComplete: { age: 24 * 3600, count: 100_000 },
              removeOnFail: { age: 30 * 24 * 3600 },
            },
          }),
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        OutboxRelay,
        Transactions,
        JobWorker,
      ],
      exports: [Transactions, OutboxRelay, MESSAGING_OPTIONS, BullModule],
    };
  }
}
