import { Module } from '@nestjs/common';
import { QueueName, ServiceInfrastructureModule } from '#common';
import { CallBacksModule } from './call-backs/call-backs.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { notifyData } from './database/notify-data.js';
import { DutyModule } from './duty/duty.module.js';
import { InboxModule } from './inbox/inbox.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';

@Module({
  imports: [
    ServiceInfrastructureModule.forService({ ...notifyData, consumes: QueueName.Notify }),
    CalendarModule,
    DeadlinesModule,
    NotificationsModule,
    MetricsModule,
    DutyModule,
    InboxModule,
    CallBacksModule,
  ],
})
export class NotifyModule {}
