import type { ServiceDataSourceSpec } from '#common';
import { importHolidays } from '../calendar/calendar-import.js';
import { Deadline } from './deadline.entity.js';
import { CreateNotify1763800000000 } from './migrations/1763800000000-create-notify.js';
import { CreateCalendar1764100000000 } from './migrations/1764100000000-create-calendar.js';
import { NotificationDelivery1764600000000 } from './migrations/1764600000000-notification-delivery.js';
import { DeadlineAlerts1764900000000 } from './migrations/1764900000000-deadline-alerts.js';
import { OutboxTraceContext1764970000000 } from './migrations/1764970000000-outbox-trace-context.js';
import { DeliveryHistory1765000000000 } from './migrations/1765000000000-delivery-history.js';
import { DutyRoster1765001000000 } from './migrations/1765001000000-duty-roster.js';
import { DeadlineSchedule1765002000000 } from './migrations/1765002000000-deadline-schedule.js';
import { AuditTrail1765300000000 } from './migrations/1765300000000-audit-trail.js';
import { ProvisionalDeadlines1765600000000 } from './migrations/1765600000000-provisional-deadlines.js';
import { CallBacks1765700000000 } from './migrations/1765700000000-call-backs.js';
import { NotificationText1765810000000 } from './migrations/1765810000000-notification-text.js';
import { DispatchJobs1766100000000 } from './migrations/1766100000000-dispatch-jobs.js';
import { AssignmentProgress1766200000000 } from './migrations/1766200000000-assignment-progress.js';
import { Notification } from './notification.entity.js';

export const notifyData: ServiceDataSourceSpec = {
  schema: 'notify',
  entities: [Deadline, Notification],
  migrations: [
    CreateNotify1763800000000,
    CreateCalendar1764100000000,
    NotificationDelivery1764600000000,
    DeadlineAlerts1764900000000,
    OutboxTraceContext1764970000000,
    DeliveryHistory1765000000000,
    DutyRoster1765001000000,
    DeadlineSchedule1765002000000,
    AuditTrail1765300000000,
    ProvisionalDeadlines1765600000000,
    CallBacks1765700000000,
    NotificationText1765810000000,
    DispatchJobs1766100000000,
    AssignmentProgress1766200000000,
  ],
  // Statutory holidays and make-up working days (调休) that deadlines are counted on.
  referenceData: importHolidays,
};
