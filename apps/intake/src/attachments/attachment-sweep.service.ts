import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Attachment } from './attachment.entity.js';
import { AttachmentStore } from './attachment-store.js';

/** Files this old without a row are a crash's leftovers, not uploads still in progress. */
export const ORPHAN_AGE_MS = 15 * 60_000;
const SWEEP_EVERY_MS = 30 * 60_000;

/**
 * Removes attachment files whose row never committed (a crash between the write and the commit)
 * and stray temporary files, at start-up and then every half hour. Every replica may run it:
 * removing a file twice is no error, and a file with a row is never touched.
 */
@Injectable()
export class AttachmentSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AttachmentSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: AttachmentStore,
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
  ) {}

  onApplicationBootstrap() {
    void this.run();
    this.timer = setInterval(() => void this.run(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy() {
    clearInterval(this.timer);
  }

  async run(now = new Date()): Promise<number> {
    try {
      const removed = await this.store.sweep(
        async (ids) => {
          const rows = await this.attachments.find({
            select: { id: true },
            where: { id: In(ids) },
          });
          return new Set(rows.map((r) => r.id));
        },
        new Date(now.getTime() - ORPHAN_AGE_MS),
      );
      if (removed > 0) this.logger.log(`removed ${removed} orphaned attachment file(s)`);
      return removed;
    } catch (error) {
      // A failed sweep leaves leftovers for the next one; it must not stop the service.
      this.logger.warn(`attachment sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
