import { Module } from '@nestjs/common';
import { QueueName, ServiceInfrastructureModule } from '#common';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { notifyData } from './database/notify-data.js';
import { DeadlineMetricsModule } from './metrics/deadline-metrics.js';
import { NotificationsModule } from './notifications/notifications.module.js';

@Module({
  imports: [
    ServiceInfrastructureModule.forService({ ...notifyData, consumes: QueueName.Notify }),
    DeadlinesModule,
    NotificationsModule,
    DeadlineMetricsModule,
  ],
})
export class NotifyModule {}
