import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators.js';
import { QueueName } from '../contract/queues.js';
import { pingDatabase } from './health.repository.js';

/** Probes: live = the process answers; ready = PostgreSQL and Redis answer, schema is current. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    // Any queue's client reaches the one Redis all queues live in.
    @InjectQueue(QueueName.Intake) private readonly queue: Queue,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () =>
        this.indicator
          .check('database')
          .attempt(async () => {
            await pingDatabase(this.dataSource);
          })
          .withTimeout(2_000),
      () =>
        this.indicator
          .check('migrations')
          .attempt(async () => {
            if (await this.dataSource.showMigrations()) throw new Error('pending migrations');
          })
          .withTimeout(2_000),
      () =>
        this.indicator
          .check('redis')
          .attempt(async () => {
            // Producers do not queue commands while disconnected, so this fails fast.
            await this.queue.count();
          })
          .withTimeout(2_000),
    ]);
  }
}
