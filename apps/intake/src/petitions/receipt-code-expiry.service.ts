import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '#common';
import { purgeIdempotencyRecords } from './idempotency-record.repository.js';
import { clearReceiptCodes } from './petition.repository.js';

/** Long enough for notify's retries of the receipt SMS; after it the code exists only hashed. */
export const RECEIPT_CODE_DAYS = 7;
const SWEEP_EVERY_MS = 3_600_000;

/** Clears the sealed query codes kept for receipt SMS once they are a week old. */
export function expireReceiptCodes(manager: EntityManager): Promise<number> {
  return clearReceiptCodes(manager, RECEIPT_CODE_DAYS);
}

/**
 * Runs the expiry at start and hourly, with the purge of Idempotency-Key records older than
 * IDEMPOTENCY_KEY_RETENTION_HOURS (they hold the receipt, query code included, sealed);
 * replicas may overlap, both are idempotent.
 */
@Injectable()
export class ReceiptCodeExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReceiptCodeExpiry.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly idempotencyHours: number;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
  ) {
    this.idempotencyHours = config.get('IDEMPOTENCY_KEY_RETENTION_HOURS', { infer: true });
  }

  onApplicationBootstrap() {
    this.sweep();
    this.timer = setInterval(() => {
      this.sweep();
    }, SWEEP_EVERY_MS).unref();
  }

  async beforeApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  private sweep() {
    if (this.running) return;
    const { manager } = this.dataSource;
    this.running = Promise.all([
      expireReceiptCodes(manager),
      purgeIdempotencyRecords(manager, this.idempotencyHours),
    ])
      .then(([cleared, purged]) => {
        if (cleared > 0) this.logger.log(`receipt codes cleared: ${cleared}`);
        if (purged > 0) this.logger.log(`idempotency records purged: ${purged}`);
      })
      .catch((error: unknown) => {
        this.logger.warn(`receipt codes not cleared, will retry: ${String(error)}`);
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}
