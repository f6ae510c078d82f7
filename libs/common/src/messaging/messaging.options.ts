import type { ServiceSchema } from '../database/data-source.js';
import type { QueueName } from '../contract/queues.js';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** The schema whose outbox, processed_message and timeline_entry tables this service owns. */
  schema: ServiceSchema;
  /** The one queue this service consumes. */
  consumes: QueueName;
}
