import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { Queue, QueueEvents } from 'bullmq';
import type { AppConfig, JobEnvelope, JobName, JobPayload, QueueName } from '#common';

type QueueConfig = Pick<AppConfig, 'REDIS_URL' | 'QUEUE_PREFIX'>;

/**
 * One of the services' queues and its events, under the test environment's prefix, for a test
 * that puts a job in as a producer would and waits for it; both closed afterwards.
 */
export async function withQueue<T>(
  config: QueueConfig,
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

/**
 * One of the services' queues under the test environment's prefix, for the tests of the enclosing
 * describe: opened before them (once `config` can be read) and closed after them.
 */
export function queueForTests(name: QueueName, config: () => QueueConfig): () => Queue {
  let queue: Queue | undefined;
  before(() => {
    const { REDIS_URL, QUEUE_PREFIX } = config();
    queue = new Queue(name, { connection: { url: REDIS_URL }, prefix: QUEUE_PREFIX });
  });
  after(async () => {
    await queue?.close();
  });
  return () => {
    if (!queue) throw new Error('queueForTests: the queue is opened in before()');
    return queue;
  };
}

/** A job's envelope as a service's outbox relay puts it in a queue, with new ids. */
export function envelopeOf<N extends JobName>(payload: JobPayload<N>): JobEnvelope<N> {
  return {
    messageId: randomUUID(),
    correlationId: randomUUID(),
    occurredAt: new Date().toISOString(),
    payload,
  };
}
