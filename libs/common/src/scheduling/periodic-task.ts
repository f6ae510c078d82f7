import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';

/**
 * Work a replica does on a timer (sweeps): one pass at a time, the next scheduled when
 * it ends, a failed pass logged and tried again. At shutdown the pass in hand finishes before
 * the database pool closes, and no other starts.
 */
export abstract class PeriodicTask implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private active?: Promise<void>;
  private stopped = false;

  constructor(private readonly taskName: string) {
    this.logger = new Logger(taskName);
  }

  /** One pass. */
  protected abstract runOnce(): Promise<void>;

  /** How long to wait before the next pass. */
  protected abstract nextDelay(): number;

  /** Whether this replica runs the task at all. */
  protected enabled(): boolean {
    return true;
  }

  /** The wait before the first pass. */
  protected firstDelay(): number {
    return this.nextDelay();
  }

  protected get stopping(): boolean {
    return this.stopped;
  }

  onApplicationBootstrap() {
    if (this.enabled()) this.arm(this.firstDelay());
  }

  async beforeApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.active;
  }

  private arm(delayMs: number) {
    this.timer = setTimeout(() => {
      this.active = this.runOnce()
        .catch((error: unknown) => {
          this.logger.warn(`${this.taskName} failed, will retry: ${String(error)}`);
        })
        .finally(() => {
          this.active = undefined;
          if (!this.stopped) this.arm(this.nextDelay());
        });
    }, delayMs);
  }
}
