import { Queue, QueueEvents } from 'bullmq';
import type { AppConfig, QueueName } from '#common';

/**
 * One of the services' queues and its events, under the test environment's prefix, for a test
 * that puts a job in as a producer would and waits for it; both closed afterwards.
 */
export async function withQueue<T>(
  config: Pick<AppConfig, 'REDIS_URL' | 'QUEUE_PREFIX'>,
  name: QueueName,
  work: (queue: Queue, events: QueueEvents) => Promise<T>,
): Promise<T> {
  const connection = { url: config.REDIS_URL };
  const queue = new Queue(name, { connection, prefix: config.QUEUE_PREFIX });
  const events = new QueueEvents(name, { connection, prefix: config.QUEUE_PREFIX });
  try {
    await events.waitUntilReady();
    return await work(queue, events);
  } finally {
    await events.close();
    await queue.close();
  }
}
