import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Long enough for notify's retries of the receipt SMS; after it the code exists only hashed. */
export const RECEIPT_CODE_DAYS = 7;
const SWEEP_EVERY_MS = 3_600_000;

/** Clears the sealed query codes kept for receipt SMS once they are a week old. */
export async function expireReceiptCodes(manager: EntityManager): Promise<number> {
  const [, cleared] = await manager.query<[unknown[], number]>(
    `UPDATE intake.petition SET receipt_code_sealed = NULL
     WHERE receipt_code_sealed IS NOT NULL AND registered_at < now() - make_interval(days => $1)`,
    [RECEIPT_CODE_DAYS],
  );
  return cleared;
}

/** Runs the expiry at start and hourly; replicas may overlap, the update is idempotent. */
@Injectable()
export class ReceiptCodeExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReceiptCodeExpiry.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly dataSource: DataSource) {}

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
    this.running = expireReceiptCodes(this.dataSource.manager)
      .then((cleared) => {
        if (cleared > 0) this.logger.log(`receipt codes cleared: ${cleared}`);
      })
      .catch((error: unknown) => {
        this.logger.warn(`receipt codes not cleared, will retry: ${String(error)}`);
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}
