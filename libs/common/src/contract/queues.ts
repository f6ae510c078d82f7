import { z } from 'zod';

/**
 * The queue contract: every queue, every job and its payload, defined once.
 * Each service consumes exactly one queue, named after it. Payloads carry ids and codes only,
 * never personal data; the schemas are strict, so an extra field is rejected at publish time.
 */
export const QueueName = {
  Intake: 'intake',
  Routing: 'routing',
  Notify: 'notify',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

const uuid = z.uuid();
const caseNo = z.string().regex(/^XF-\d{6}-\d{8}-\d{6}$/);
const unitCode = z.string().regex(/^[A-Z0-9_-]{2,64}$/);

export const jobPayloadSchemas = {
  /**
   * intake → routing: a new petition needs a handling unit. Written before the case number is
   * taken (see RegistrationService), so it carries the id; routing reads the rest from intake's view.
   */
  'petition.received': z.strictObject({ petitionId: uuid }),
  /** routing → intake, notify: a unit now holds the case. */
  'petition.assigned': z.strictObject({
    petitionId: uuid,
    caseNo,
    assignmentId: uuid,
    unitCode,
    assignedAt: z.iso.datetime({ offset: true }),
  }),
  /**
   * intake → notify: a petitioner came again about a case already open (重复信访); it was linked
   * to that case instead of being routed anew, and the units holding it must know.
   */
  'petition.repeated': z.strictObject({
    petitionId: uuid,
    originalPetitionId: uuid,
    originalCaseNo: caseNo,
  }),
  /**
   * intake → notify: a hotspot (热点) reached its size, or a collective petition (5+ people) came in;
   * the units handling the cases and the territory's petition bureau must treat it as one problem.
   */
  'hotspot.raised': z.strictObject({
    reason: z.enum(['CLUSTER', 'COLLECTIVE']),
    hotspotId: uuid.nullable(),
    petitionIds: z.array(uuid).min(1).max(1000),
  }),
  /** routing → intake: no unit could be chosen by rule; a dispatcher must decide. */
  'petition.triage-required': z.strictObject({ petitionId: uuid, caseNo }),
  /** notify → notify: deliver one stored notification. */
  'notification.dispatch': z.strictObject({ notificationId: uuid }),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;

/** Which queues receive each job. An event with several subscribers is copied to each queue. */
export const jobSubscribers: Record<JobName, readonly QueueName[]> = {
  'petition.received': [QueueName.Routing],
  'petition.assigned': [QueueName.Intake, QueueName.Notify],
  'petition.triage-required': [QueueName.Intake],
  'petition.repeated': [QueueName.Notify],
  'hotspot.raised': [QueueName.Notify],
  'notification.dispatch': [QueueName.Notify],
};

export const JobNames = Object.keys(jobPayloadSchemas) as JobName[];

/** The job names a queue must be able to process. */
export function jobsConsumedBy(queue: QueueName): JobName[] {
  return JobNames.filter((name) => jobSubscribers[name].includes(queue));
}

/** What travels in a BullMQ job: the payload plus the metadata that follows a petition. */
export interface JobEnvelope<N extends JobName = JobName> {
  /** The outbox message id; also the BullMQ job id, so a re-publish is ignored. */
  messageId: string;
  correlationId: string;
  occurredAt: string;
  payload: JobPayload<N>;
}
