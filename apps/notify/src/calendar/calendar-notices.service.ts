import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  AuditActions,
  AuditTrail,
  notFound,
  PROVISIONAL_DEADLINE_LABEL,
  Transactions,
  validationFailed,
  type AppConfig,
  type StaffUser,
} from '#common';
import { parseReminderOffsets } from '../deadlines/deadline-alerts.js';
import { deadlineRules } from '../deadlines/deadline-rules.js';
import { loadCalendarNotice, type CalendarLoadResult } from './calendar-load.js';
import {
  fieldOf,
  InvalidNoticeError,
  readCalendarNotice,
  type CalendarNotice,
} from './calendar-notice.js';
import { coverageOf } from './calendar.repository.js';
import { CalendarService } from './calendar.service.js';
import { PROVISIONAL_YEARS } from './provisional-calendar.js';

/** Loading a year's holiday notice through the API, and reading a year's calendar. */
@Injectable()
export class CalendarNoticesService {
  private readonly rules: ReturnType<typeof deadlineRules>;
  private readonly offsets: ReturnType<typeof parseReminderOffsets>;

  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
    private readonly calendars: CalendarService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.rules = deadlineRules(config.get('DEADLINE_WORKING_DAY_KINDS', { infer: true }));
    this.offsets = parseReminderOffsets(config.get('REMINDER_OFFSETS', { infer: true }));
  }

  /** Validates the whole notice first (400 naming every bad field), then loads it in one go. */
  async load(staff: StaffUser, year: number, body: unknown) {
    let notice: CalendarNotice;
    try {
      // The year may be left out of the body: the path gives it.
      const value =
        body && typeof body === 'object' && !Array.isArray(body) && !('year' in body)
          ? { ...body, year }
          : body;
      notice = readCalendarNotice(value, year);
    } catch (error) {
      if (!(error instanceof InvalidNoticeError)) throw error;
      throw validationFailed(
        error.issues.map((i) => ({ field: fieldOf(i.path), code: i.code, messages: i.messages })),
      );
    }
    const result = await this.transactions.run(async (tx) => {
      const loaded = await loadCalendarNotice(tx, notice, {
        rules: this.rules,
        offsets: this.offsets,
        loadedBy: staff.username,
        now: new Date(),
      });
      await this.audit.record(tx, {
        action: AuditActions.CalendarLoad,
        target: { type: 'calendar', id: String(year) },
        detail: auditDetail(loaded, 'api'),
      });
      return loaded;
    });
    return {
      year: result.year,
      holidays: result.holidays,
      workdays: result.workdays,
      confirmed: result.confirmed,
      moved: result.moved.map((m) => ({
        caseNo: m.caseNo,
        kind: m.kind,
        from: m.from.toISOString(),
        to: m.to.toISOString(),
      })),
    };
  }

  /** A year's rest days and make-up days: the loaded notice, else the provisional calendar. */
  async get(year: number) {
    if (year < PROVISIONAL_YEARS.from || year > PROVISIONAL_YEARS.to) {
      throw notFound({ zh: `${year}年的日历`, en: `the calendar of ${year}` });
    }
    return this.transactions.run(async (tx) => {
      const calendar = await this.calendars.current(tx.manager);
      const coverage = await coverageOf(tx.manager, year);
      const days = calendar.specialDaysOf(year);
      return {
        year,
        official: coverage !== undefined,
        source: coverage?.source ?? 'provisional',
        title: coverage?.title ?? null,
        loadedAt: coverage?.imported_at ?? null,
        ...(coverage === undefined && { label: PROVISIONAL_DEADLINE_LABEL }),
        days: days.map((d) => ({ date: d.day, kind: d.kind, name: d.name })),
      };
    });
  }
}

/** What the audit trail keeps of a load: counts and the year, no case data. */
export function auditDetail(loaded: CalendarLoadResult, via: 'api' | 'cli') {
  return {
    year: loaded.year,
    holidays: loaded.holidays,
    workdays: loaded.workdays,
    moved: loaded.moved.length,
    confirmed: loaded.confirmed,
    via,
  };
}
