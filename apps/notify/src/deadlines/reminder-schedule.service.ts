import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '#common';
import { CalendarService } from '../calendar/calendar.service.js';
import {
  parseReminderOffsets,
  reminders,
  type Reminder,
  type ReminderOffset,
} from './deadline-alerts.js';

/** The reminders of deadlines at the configured offsets (REMINDER_OFFSETS), on the legal calendar. */
@Injectable()
export class ReminderScheduleService {
  readonly offsets: ReminderOffset[];

  constructor(
    private readonly calendars: CalendarService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.offsets = parseReminderOffsets(config.get('REMINDER_OFFSETS', { infer: true }));
  }

  /** The reminders of any deadline, on the calendar as it stands now. */
  async forCalendar(
    manager: EntityManager,
  ): Promise<(deadline: { id: string; dueAt: Date }) => Reminder[]> {
    const calendar = await this.calendars.current(manager);
    return (deadline) => reminders(deadline, this.offsets, calendar);
  }
}
