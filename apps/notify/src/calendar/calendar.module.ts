import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller.js';
import { CalendarNoticesService } from './calendar-notices.service.js';
import { CalendarWatchTask } from './calendar-watch.task.js';
import { CalendarService } from './calendar.service.js';

/** The holiday calendar: its notices, its API, and the watch on next year's. */
@Module({
  controllers: [CalendarController],
  providers: [CalendarService, CalendarNoticesService, CalendarWatchTask],
  exports: [CalendarService],
})
export class CalendarModule {}
