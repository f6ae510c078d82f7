import type { ServiceDataSourceSpec } from '#common';
import { Deadline } from './deadline.entity.js';
import { CreateNotify1763800000000 } from './migrations/1763800000000-create-notify.js';
import { Notification } from './notification.entity.js';

export const notifyData: ServiceDataSourceSpec = {
  schema: 'notify',
  entities: [Deadline, Notification],
  migrations: [CreateNotify1763800000000],
};
