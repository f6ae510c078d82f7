import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';
import { pingDatabase } from '../health/health.repository.js';
import { PeriodicTask } from '../scheduling/periodic-task.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { redriveReasonRecorded } from './redrivable-failures.js';

const PAGE = 500;
/** An event still ahead of its predecessor after a day will not see it come: a dead letter. */
const AWAIT_PREDECESSOR_MS = 24 * 3600_000;

/**
 * Runs again, with their attempts counted anew, the failed jobs of the service's queue that did
 * not fail for anything of their own: those an outage of PostgreSQL or Redis failed, once the
 * database answers again, and those that came ahead of the event they follow, for a day. Any
 * other failure stays a dead letter on the queue board. Every replica runs it; a job another
 * replica redrove first is no longer failed, and BullMQ refuses to retry it twice.
 */
@Injectable()
export class JobRedriver extends PeriodicTask {
  private readonly intervalMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    config: ConfigService<AppConfig, true>,
  ) {
    super(JobRedriver.name);
    this.intervalMs = config.get('JOB_REDRIVE_MS', { infer: true });
  }

  protected override nextDelay() {
    return this.intervalMs;
  }

  protected override async runOnce() {
    await this.redrive();
  }

  /** One pass; returns how many jobs it redrove. Throws while the database does not answer. */
  async redrive(): Promise<number> {
    await pingDatabase(this.dataSource);
    const queue = this.moduleRef.get<Queue>(getQueueToken(this.options.consumes), {
      strict: false,
    });
    const due: Job[] = [];
    for (let start = 0; !this.stopping; start += PAGE) {
      const page = await queue.getFailed(start, start + PAGE - 1);
      due.push(...page.filter((job) => this.redrivable(job)));
      if (page.length < PAGE) break;
    }
    let redriven = 0;
    for (const job of due) {
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        redriven += 1;
      } catch {
        // Redriven by another replica, or removed meanwhile.
      }
    }
    if (redriven > 0) {
      this.logger.log({ msg: 'failed jobs redriven', queue: this.options.consumes, redriven });
    }
    return redriven;
  }

  private redrivable(job: Job): boolean {
    switch (redriveReasonRecorded(job.failedReason)) {
      case 'infrastructure':
        return true;
      case 'awaiting-predecessor':
        return Date.now() - job.timestamp < AWAIT_PREDECESSOR_MS;
      default:
        return false;
    }
  }
}
