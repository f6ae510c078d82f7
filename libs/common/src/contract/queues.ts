import { z } from 'zod';
import { CASE_NO_PATTERN } from './case-number.js';
import {
  AwaitedSteps,
  Categories,
  CaseStages,
  DeadlineKinds,
  Evaluations,
  Natures,
} from './domain.js';

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
const caseNo = z.string().regex(CASE_NO_PATTERN);
/** A unit's code in the directory; the API's unitCodeSchema is this one. */
export const UNIT_CODE_PATTERN = /^[A-Z0-9_-]{2,64}$/;
const unitCode = z.string().regex(UNIT_CODE_PATTERN);
const instant = z.iso.datetime({ offset: true });
const stage = z.enum(CaseStages);

/** A step a unit took on its assignment of a case. */
const assignmentStep = {
  petitionId: uuid,
  caseNo,
  assignmentId: uuid,
  unitCode,
  stage,
  occurredAt: instant,
};

export const jobPayloadSchemas = {
  /**
   * intake → routing, notify: a new petition needs a handling unit, and its petitioners a receipt.
   * Written before the case number is taken (see RegistrationService), so it carries the id; the
   * consumers read the rest from intake's views once the registration has committed.
   */
  'petition.received': z.strictObject({ petitionId: uuid }),
  /**
   * routing → intake, notify: a unit now holds the case, as lead (主办) or co-handler (协办), for
   * one stage. `forwarding` marks a petition bureau that must pass it on (转送, 15 days).
   */
  'petition.assigned': z.strictObject({
    petitionId: uuid,
    caseNo,
    assignmentId: uuid,
    unitCode,
    stage,
    role: z.enum(['LEAD', 'CO_HANDLER']),
    forwarding: z.boolean(),
    assignedAt: instant,
  }),
  /** routing → intake, notify: the unit accepted the case (受理); the 60-day clock starts. */
  'case.accepted': z.strictObject(assignmentStep),
  /** routing → intake, notify: the unit declined it (不予受理) with a legal reason. */
  'case.declined': z.strictObject(assignmentStep),
  /** routing → intake, notify: the unit gave it back as not its own; a dispatcher decides. */
  'case.returned': z.strictObject(assignmentStep),
  /** routing → notify: the case left this unit for another (转办); its clocks stop here. */
  'case.transferred': z.strictObject(assignmentStep),
  /**
   * routing → intake, notify: the petition bureau took the case back from a unit the petition
   * turned out to accuse (a correction of its accused parties); the unit's clocks stop and a
   * dispatcher decides anew.
   */
  'case.withdrawn': z.strictObject({ ...assignmentStep, role: z.enum(['LEAD', 'CO_HANDLER']) }),
  /** routing → notify: the time limit was extended once (延期), by `days`. */
  'case.extended': z.strictObject({ ...assignmentStep, days: z.int().min(1).max(30) }),
  /** routing → intake, notify: the unit concluded the stage with its written reply. */
  'case.concluded': z.strictObject(assignmentStep),
  /** intake → routing: the petitioner evaluated a reply (满意度评价); the unit answers for it. */
  'reply.evaluated': z.strictObject({
    petitionId: uuid,
    caseNo,
    stage,
    evaluation: z.enum(Evaluations),
  }),
  /** intake → routing: the petitioner asked for review (复查) or re-review (复核) in time. */
  'review.requested': z.strictObject({
    petitionId: uuid,
    caseNo,
    stage: z.enum(['REVIEW', 'RE_REVIEW']),
    requestedAt: instant,
  }),
  /**
   * intake → notify, routing: a petitioner came again about a case already open (重复信访); it was
   * linked to that case instead of being routed anew, and the units holding it must know. Routing
   * flags the case major once it is repeated often enough.
   */
  'petition.repeated': z.strictObject({
    petitionId: uuid,
    originalPetitionId: uuid,
    originalCaseNo: caseNo,
    /**
     * The new petition's petitioners whose phone is also one of the original case's: only they
     * are told by SMS which case it joined (an HTTP answer never says).
     */
    ownPetitionerIds: z.array(uuid).max(5).optional(),
  }),
  /**
   * intake → notify: text a one-time code to the phone an online petitioner is verifying. The
   * phone is read from intake.phone_verification_v1; the code travels sealed (PersonalDataCipher,
   * field verificationCode) and intake keeps only its keyed hash.
   */
  'phone.verification-requested': z.strictObject({
    verificationId: uuid,
    codeSealed: z.string().min(1).max(200),
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
  /**
   * routing → intake: the nature and category a petition was classified in, by the classifier
   * when the registrar gave none, or as a dispatcher confirmed them in triage.
   */
  'petition.classified': z.strictObject({
    petitionId: uuid,
    nature: z.enum(Natures),
    category: z.enum(Categories),
    by: z.enum(['CLASSIFIER', 'DISPATCHER']),
  }),
  /** routing → intake: no unit could be chosen by rule; a dispatcher must decide. */
  'petition.triage-required': z.strictObject({ petitionId: uuid, caseNo }),
  /**
   * notify → routing: a unit let a legal deadline pass; the case goes under supervision (督办)
   * of the petition bureau above it, and the unit must answer.
   */
  'deadline.overdue': z.strictObject({
    deadlineId: uuid,
    petitionId: uuid,
    caseNo,
    unitCode,
    kind: z.enum(DeadlineKinds),
    dueAt: instant,
  }),
  /** routing → notify: a supervision notice (督办单) was issued to a unit; tell it. */
  'supervision.issued': z.strictObject({
    supervisionId: uuid,
    petitionId: uuid,
    caseNo,
    unitCode,
    answerDueAt: instant,
  }),
  /** routing → notify: the unit answered a supervision notice; its answer clock stops. */
  'supervision.answered': z.strictObject({
    supervisionId: uuid,
    petitionId: uuid,
    caseNo,
    unitCode,
    answeredAt: instant,
  }),
  /**
   * routing → notify: a step of the case waits on staff of a unit (待办), or they must learn of
   * it; AWAITED_STEP_ROLES says which role. `unitCode` is the unit whose staff are told.
   */
  'case.awaiting': z.strictObject({
    petitionId: uuid,
    caseNo,
    unitCode,
    step: z.enum(AwaitedSteps),
    occurredAt: instant,
  }),
  /** notify → notify: deliver one stored notification. */
  'notification.dispatch': z.strictObject({ notificationId: uuid }),
} as const;

export type JobName = keyof typeof jobPayloadSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;

/** Which queues receive each job. An event with several subscribers is copied to each queue. */
export const jobSubscribers: Record<JobName, readonly QueueName[]> = {
  'petition.received': [QueueName.Routing, QueueName.Notify],
  'petition.assigned': [QueueName.Intake, QueueName.Notify],
  'case.accepted': [QueueName.Intake, QueueName.Notify],
  'case.declined': [QueueName.Intake, QueueName.Notify],
  'case.returned': [QueueName.Intake, QueueName.Notify],
  'case.transferred': [QueueName.Notify],
  'case.withdrawn': [QueueName.Intake, QueueName.Notify],
  'case.extended': [QueueName.Notify],
  'case.concluded': [QueueName.Intake, QueueName.Notify],
  'reply.evaluated': [QueueName.Routing],
  'review.requested': [QueueName.Routing],
  'petition.classified': [QueueName.Intake],
  'petition.triage-required': [QueueName.Intake],
  'petition.repeated': [QueueName.Notify, QueueName.Routing],
  'phone.verification-requested': [QueueName.Notify],
  'hotspot.raised': [QueueName.Notify],
  'deadline.overdue': [QueueName.Routing],
  'supervision.issued': [QueueName.Notify],
  'supervision.answered': [QueueName.Notify],
  'case.awaiting': [QueueName.Notify],
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
