import { Module } from '@nestjs/common';
import { DutyModule } from '../duty/duty.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CaseClockHandler } from './case-clock.handler.js';
import { DeadlineClockService } from './deadline-clock.service.js';
import { DeadlineSweepTask } from './deadline-sweep.task.js';
import { ReminderScheduleService } from './reminder-schedule.service.js';
import { SupervisionClockHandler } from './supervision-clock.handler.js';

@Module({
  imports: [DutyModule, CalendarModule, NotificationsModule],
  providers: [
    CaseClockHandler,
    SupervisionClockHandler,
    DeadlineClockService,
    ReminderScheduleService,
    DeadlineSweepTask,
  ],
})
export class DeadlinesModule {}
