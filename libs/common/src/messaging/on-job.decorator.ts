import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayload } from '../contract/queues.js';
import type { Tx } from './transactions.js';

export const ON_JOB = Symbol('ON_JOB');

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, tx: Tx) => Promise<void>;

/**
 * Marks the method that handles a job. It runs inside one transaction that also records the job
 * as processed, so a redelivered job is skipped and a failed one leaves nothing behind.
 */
export const OnJob = <N extends JobName>(name: N) =>
  SetMetadata(ON_JOB, name) as (
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<JobHandler<N>>,
  ) => void;
