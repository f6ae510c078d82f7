import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';
import { PeriodicTask } from '../scheduling/periodic-task.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { purgeProcessedMessages } from './processed-message.repository.js';

const EVERY_MS = 3_600_000;

/**
 * Purges, at start and hourly, the records of jobs handled longer ago than
 * PROCESSED_MESSAGE_RETENTION_DAYS: no job is redelivered that late (completed jobs are kept a
 * day, an unpublished outbox row waits for its relay), so they only grow the table. Replicas may
 * overlap; the delete is idempotent.
 */
@Injectable()
export class ProcessedMessagePurge extends PeriodicTask {
  private readonly days: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    config: ConfigService<AppConfig, true>,
  ) {
    super(ProcessedMessagePurge.name);
    this.days = config.get('PROCESSED_MESSAGE_RETENTION_DAYS', { infer: true });
  }

  protected override firstDelay() {
    return 0;
  }

  protected override nextDelay() {
    return EVERY_MS;
  }

  protected override async runOnce() {
    const purged = await purgeProcessedMessages(
      this.dataSource.manager,
      this.options.schema,
      this.days,
    );
    if (purged > 0) this.logger.log({ msg: 'processed messages purged', purged });
  }
}
