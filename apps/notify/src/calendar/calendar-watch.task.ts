import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { chinaDateOf, MetricsService, PeriodicTask, Transactions, type AppConfig } from '#common';
import { unitsWithAdmins } from '../database/published-views.repository.js';
import { storeNotices } from '../notifications/store-notice.js';
import {
  isCovered,
  lastMissingNotice,
  recordMissingNotice,
  watchLock,
} from './calendar.repository.js';

const WEEK_MS = 7 * 86_400_000;
const TEMPLATE = 'calendar.next-year-missing';

/** The year after the China date of an instant. */
export const nextYearOf = (now: Date) => Number(chinaDateOf(now).slice(0, 4)) + 1;

/**
 * Whether admins are owed a notice that next year's holiday notice is missing: from 1 November
 * (China date; the State Council publishes in late October or November) while it is not
 * loaded, at most once a week.
 */
export function nextYearNoticeDue(
  now: Date,
  nextYearLoaded: boolean,
  lastNoticeAt: Date | null,
): boolean {
  if (nextYearLoaded || chinaDateOf(now).slice(5) < '11-01') return false;
  return lastNoticeAt === null || now.getTime() - lastNoticeAt.getTime() >= WEEK_MS;
}

/**
 * Watches that next year's State Council notice is loaded: the gauge
 * xinfang_calendar_next_year_loaded (0/1, the alert rule fires on 0 from November) and a notice
 * in the inbox of every admin at most once a week.
 */
@Injectable()
export class CalendarWatchTask extends PeriodicTask implements OnModuleInit {
  private readonly on: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly metrics: MetricsService,
    config: ConfigService<AppConfig, true>,
  ) {
    super('CalendarWatch');
    this.on = config.get('DEADLINE_SWEEP', { infer: true }) === 'on';
  }

  onModuleInit() {
    const dataSource = this.dataSource;
    new Gauge({
      name: 'xinfang_calendar_next_year_loaded',
      help: "1 when next year's State Council holiday notice is loaded (or packaged), else 0",
      registers: [this.metrics.appRegistry],
      async collect() {
        this.set((await isCovered(dataSource.manager, nextYearOf(new Date()))) ? 1 : 0);
      },
    });
  }

  protected override enabled() {
    return this.on;
  }

  // Not at start-up: a restart loop must not re-send, and the check is cheap to wait for.
  protected override firstDelay() {
    return 10 * 60_000;
  }

  protected nextDelay() {
    return 6 * 3_600_000;
  }

  protected async runOnce() {
    const sent = await this.check(new Date());
    if (sent > 0)
      this.logger.warn(`${sent} admin notice(s): next year's holiday notice is missing`);
  }

  /** One check at `now`; returns the notices stored. */
  async check(now: Date): Promise<number> {
    const year = nextYearOf(now);
    return this.transactions.run(async (tx) => {
      // Replicas check one at a time, so a week's notice is stored once.
      await watchLock(tx.manager);
      const loaded = await isCovered(tx.manager, year);
      const last = await lastMissingNotice(tx.manager, year);
      if (!nextYearNoticeDue(now, loaded, last)) return 0;
      const units = await unitsWithAdmins(tx.manager);
      const ids = await storeNotices(
        tx,
        units.map((unitCode) => ({
          petitionId: null,
          channel: 'log' as const,
          recipientKind: 'UNIT' as const,
          recipient: unitCode,
          template: TEMPLATE,
          variables: { year: String(year) },
          audienceRole: 'admin',
        })),
      );
      await recordMissingNotice(tx.manager, year, now);
      return ids.length;
    });
  }
}
