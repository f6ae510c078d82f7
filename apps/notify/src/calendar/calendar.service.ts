import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkCalendar } from './work-calendar.js';

const FRESH_FOR_MS = 5 * 60_000;

/**
 * The working calendar, read from the database at most every five minutes, so days an admin adds
 * (next year's State Council schedule) are used soon without a restart.
 */
@Injectable()
export class CalendarService {
  private cached?: { calendar: WorkCalendar; at: number };

  async current(manager: EntityManager): Promise<WorkCalendar> {
    if (!this.cached || Date.now() - this.cached.at > FRESH_FOR_MS) {
      this.cached = { calendar: await WorkCalendar.load(manager), at: Date.now() };
    }
    return this.cached.calendar;
  }
}
