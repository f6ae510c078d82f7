import { Module } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { PetitionerUpdates } from '../notifications/petitioner-updates.js';
import { CaseClockHandler } from './case-clock.handler.js';
import { DeadlineClock } from './deadline-clock.js';
import { DeadlineSweep } from './deadline-sweep.js';
import { ReminderSchedule } from './reminder-schedule.js';
import { SupervisionClockHandler } from './supervision-clock.handler.js';

@Module({
  providers: [
    CaseClockHandler,
    SupervisionClockHandler,
    DeadlineClock,
    CalendarService,
    ReminderSchedule,
    PetitionerUpdates,
    DeadlineSweep,
  ],
})
export class DeadlinesModule {}
