import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { jobPayloadSchemas, type JobName, type JobPayload } from '../contract/queues.js';
import { currentCorrelationId } from '../logging/correlation.js';
import { currentTraceContext } from '../telemetry/tracing.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { OutboxRelay } from './outbox-relay.js';
import { insertOutboxMessage } from './outbox.repository.js';
import { claimProcessedMessage } from './processed-message.repository.js';
import { insertTimelineEntry, type TimelineFact } from './timeline.repository.js';

export type { TimelineFact } from './timeline.repository.js';

/**
 * One database transaction of a service. Messages published here are stored in the service's
 * outbox and reach Redis only after the transaction commits, so a state change and its
 * announcement are never separated.
 */
export class Tx {
  private readonly committed: (() => void)[] = [];

  constructor(
    readonly manager: EntityManager,
    private readonly schema: string,
  ) {}

  async publish<N extends JobName>(jobName: N, payload: JobPayload<N>): Promise<string> {
    // Strict schemas: a payload with anything but the declared ids and codes is refused.
    const checked = jobPayloadSchemas[jobName].parse(payload);
    const id = randomUUID();
    await insertOutboxMessage(this.manager, this.schema, {
      id,
      jobName,
      payload: JSON.stringify(checked),
      correlationId: currentCorrelationId() ?? id,
      traceContext: currentTraceContext(),
    });
    return id;
  }

  /** Runs after the commit, and not at all on a rollback: for counting what really happened. */
  afterCommit(callback: () => void): void {
    this.committed.push(callback);
  }

  /** Called by Transactions once the transaction has committed. */
  runAfterCommit(): void {
    for (const callback of this.committed.splice(0)) callback();
  }

  async recordTimeline(fact: TimelineFact): Promise<void> {
    await insertTimelineEntry(this.manager, this.schema, { id: randomUUID(), ...fact });
  }

  /** A timeline entry for staff only: the petitioner's view of the case leaves it out. */
  recordStaffNote(
    petitionId: string,
    type: string,
    data: Record<string, unknown>,
    occurredAt?: Date,
  ): Promise<void> {
    return this.recordTimeline({ petitionId, type, visibleToPetitioner: false, occurredAt, data });
  }

  /** Marks a job as handled; false when it already was (see claimProcessedMessage). */
  claimMessage(messageId: string, jobName: JobName): Promise<boolean> {
    return claimProcessedMessage(this.manager, this.schema, { messageId, jobName });
  }
}

/** Work added at the end of every transaction, before it commits (the audit trail's entry). */
export interface TransactionHook {
  beforeCommit(tx: Tx, result: unknown): Promise<void>;
}

export const TRANSACTION_HOOK = Symbol('TRANSACTION_HOOK');

@Injectable()
export class Transactions {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly relay: OutboxRelay,
    @Optional() @Inject(TRANSACTION_HOOK) private readonly hook?: TransactionHook,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let tx: Tx | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      const current = new Tx(manager, this.options.schema);
      tx = current;
      const value = await work(current);
      await this.hook?.beforeCommit(current, value);
      return value;
    });
    tx?.runAfterCommit();
    this.relay.nudge();
    return result;
  }
}
