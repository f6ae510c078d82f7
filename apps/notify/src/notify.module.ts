import { Module } from '@nestjs/common';
import { QueueName, ServiceInfrastructureModule } from '#common';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { notifyData } from './database/notify-data.js';
import { DeadlineMetricsModule } from './metrics/deadline-metrics.js';
import { DutyModule } from './duty/duty.module.js';
import { InboxModule } from './inbox/inbox.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';

@Module({
  imports: [
    ServiceInfrastructureModule.forService({ ...notifyData, consumes: QueueName.Notify }),
    DeadlinesModule,
    NotificationsModule,
    DeadlineMetricsModule,
    DutyModule,
    InboxModule,
  ],
})
export class NotifyModule {}
