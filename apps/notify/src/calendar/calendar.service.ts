import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { calendarVersion } from './calendar.repository.js';
import { WorkCalendar } from './work-calendar.js';

const FRESH_FOR_MS = 5 * 60_000;

/**
 * The working calendar, kept in memory. A year loaded from a notice (on any replica, or by the
 * CLI) changes calendar_coverage, which is looked at on each use, so the next deadline is counted
 * on it; other changes (rows edited by hand) are read within five minutes.
 */
@Injectable()
export class CalendarService {
  private cached?: { calendar: WorkCalendar; at: number; version: string };

  async current(manager: EntityManager): Promise<WorkCalendar> {
    const version = await calendarVersion(manager);
    const cached = this.cached;
    if (!cached || cached.version !== version || Date.now() - cached.at > FRESH_FOR_MS) {
      const calendar = await WorkCalendar.load(manager);
      this.cached = { calendar, at: Date.now(), version };
      return calendar;
    }
    return cached.calendar;
  }
}
