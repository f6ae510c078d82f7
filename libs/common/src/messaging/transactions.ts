import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { jobPayloadSchemas, type JobName, type JobPayload } from '../contract/queues.js';
import { currentCorrelationId } from '../logging/correlation.js';
import { currentTraceContext } from '../telemetry/tracing.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { OutboxRelay } from './outbox-relay.js';

export interface TimelineFact {
  petitionId: string;
  type: string;
  visibleToPetitioner: boolean;
  occurredAt?: Date;
  data?: Record<string, unknown>;
}

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
    await this.manager.query(
      `INSERT INTO "${this.schema}".outbox (id, job_name, payload, correlation_id, trace_context)
       VALUES ($1, $2, $3, $4, $5)`,
      [id, jobName, JSON.stringify(checked), currentCorrelationId() ?? id, currentTraceContext()],
    );
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
    await this.manager.query(
      `INSERT INTO "${this.schema}".timeline_entry
         (id, petition_id, occurred_at, type, visible_to_petitioner, data)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        randomUUID(),
        fact.petitionId,
        fact.occurredAt ?? new Date(),
        fact.type,
        fact.visibleToPetitioner,
        JSON.stringify(fact.data ?? {}),
      ],
    );
  }

  /**
   * Marks a job as handled; false when it already was. Concurrent deliveries of one job wait on
   * the primary key, so exactly one of them goes on.
   */
  async claimMessage(messageId: string, jobName: JobName): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `INSERT INTO "${this.schema}".processed_message (message_id, job_name) VALUES ($1, $2)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [messageId, jobName],
    );
    return rows.length === 1;
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
