import { Injectable, Logger } from '@nestjs/common';
import {
  AwaitingPredecessor,
  OnJob,
  type JobName,
  type JobPayload,
  type PetitionStatus,
  type Tx,
} from '#common';
import {
  lockStatus,
  moveStatusFrom,
  recordStageDates,
  setClassification,
  setStatus,
  type StepDates,
} from './petition-status.repository.js';
import { statusStepOutcome } from './status-steps.js';

type Step = JobPayload<'case.accepted'>;

/** The status a lead assignment of each stage brings, and the statuses it may follow. */
const ASSIGNED: Record<Step['stage'], { to: PetitionStatus; from: PetitionStatus[] }> = {
  // A transfer re-assigns a case that another unit had received or even accepted.
  HANDLING: { to: 'ASSIGNED', from: ['RECEIVED', 'AWAITING_TRIAGE', 'ASSIGNED', 'ACCEPTED'] },
  REVIEW: { to: 'IN_REVIEW', from: ['CONCLUDED', 'AWAITING_TRIAGE'] },
  RE_REVIEW: { to: 'IN_RE_REVIEW', from: ['REVIEWED', 'AWAITING_TRIAGE'] },
};

const CONCLUDED = {
  HANDLING: { status: 'CONCLUDED', from: 'ASSIGNED', date: 'concludedAt' },
  REVIEW: { status: 'REVIEWED', from: 'IN_REVIEW', date: 'reviewedAt' },
  RE_REVIEW: { status: 'RE_REVIEWED', from: 'IN_RE_REVIEW', date: 'reReviewedAt' },
} as const;

/**
 * Keeps the petition's status, which intake owns, in step with routing's decisions, in the order
 * routing took them: a step older than the one the status follows is superseded (logged, not
 * applied), and one that came before what it follows waits (AwaitingPredecessor: the job is
 * retried, and redriven if need be) instead of being dropped.
 */
@Injectable()
export class PetitionStatusHandler {
  private readonly logger = new Logger(PetitionStatusHandler.name);

  @OnJob('petition.assigned')
  async onAssigned(payload: JobPayload<'petition.assigned'>, tx: Tx) {
    if (payload.role !== 'LEAD') return;
    const { to, from } = ASSIGNED[payload.stage];
    await this.step(tx, 'petition.assigned', payload.petitionId, {
      from,
      to,
      at: new Date(payload.assignedAt),
    });
  }

  /**
   * The classifier fills what the registrar left open; a dispatcher's confirmation in triage
   * replaces it.
   */
  @OnJob('petition.classified')
  async onClassified(payload: JobPayload<'petition.classified'>, tx: Tx) {
    await setClassification(tx.manager, payload.petitionId, {
      nature: payload.nature,
      category: payload.category,
      keepGiven: payload.by === 'CLASSIFIER',
    });
  }

  /**
   * Only a petition routing has not placed yet waits for a dispatcher; one already assigned (a
   * dispatcher was quicker) or in a later stage (no review body found: routing's triage, not
   * the petition's status) stays as it is.
   */
  @OnJob('petition.triage-required')
  async onTriageRequired(payload: JobPayload<'petition.triage-required'>, tx: Tx) {
    await moveStatusFrom(tx.manager, payload.petitionId, 'RECEIVED', 'AWAITING_TRIAGE');
  }

  @OnJob('case.accepted')
  async onAccepted(payload: Step, tx: Tx) {
    await this.answerToAssignment(tx, 'case.accepted', payload, 'ACCEPTED');
  }

  /** 不予受理 ends the matter here; the refusal and its ground are on the public page. */
  @OnJob('case.declined')
  async onDeclined(payload: Step, tx: Tx) {
    await this.answerToAssignment(tx, 'case.declined', payload, 'NOT_ACCEPTED', { closes: true });
  }

  @OnJob('case.returned')
  async onReturned(payload: Step, tx: Tx) {
    await this.answerToAssignment(tx, 'case.returned', payload, 'AWAITING_TRIAGE');
  }

  /** Taken back from a unit the petition accuses: a dispatcher decides anew. */
  @OnJob('case.withdrawn')
  async onWithdrawn(payload: JobPayload<'case.withdrawn'>, tx: Tx) {
    if (payload.role !== 'LEAD' || payload.stage !== 'HANDLING') return;
    await this.step(tx, 'case.withdrawn', payload.petitionId, {
      from: ['ASSIGNED', 'ACCEPTED'],
      to: 'AWAITING_TRIAGE',
      at: new Date(payload.occurredAt),
    });
  }

  /** The reply's date opens the petitioner's 30 days to ask for the next stage. */
  @OnJob('case.concluded')
  async onConcluded(payload: Step, tx: Tx) {
    const at = new Date(payload.occurredAt);
    const step = CONCLUDED[payload.stage];
    // Accepted or not yet: review bodies start accepted, so their case never passed ACCEPTED.
    const from: PetitionStatus[] =
      payload.stage === 'HANDLING' ? ['ASSIGNED', 'ACCEPTED'] : [step.from];
    await this.step(
      tx,
      'case.concluded',
      payload.petitionId,
      { from, to: step.status, at },
      { [step.date]: at, closedAt: at },
    );
  }

  /** The assigned unit accepts, declines or returns the case: it leaves ASSIGNED when routing says. */
  private async answerToAssignment(
    tx: Tx,
    job: 'case.accepted' | 'case.declined' | 'case.returned',
    payload: Step,
    to: PetitionStatus,
    { closes = false } = {},
  ) {
    const at = new Date(payload.occurredAt);
    await this.step(
      tx,
      job,
      payload.petitionId,
      { from: ['ASSIGNED'], to, at },
      closes ? { closedAt: at } : {},
    );
  }

  private async step(
    tx: Tx,
    job: JobName,
    petitionId: string,
    step: { from: PetitionStatus[]; to: PetitionStatus; at: Date },
    dates: StepDates = {},
  ) {
    const current = await lockStatus(tx.manager, petitionId);
    if (!current) throw new Error(`${job}: petition ${petitionId} not found`);
    switch (statusStepOutcome(current, step)) {
      case 'APPLY':
        await setStatus(tx.manager, petitionId, { status: step.to, at: step.at, dates });
        return;
      case 'SUPERSEDED':
        await recordStageDates(tx.manager, petitionId, dates);
        this.logger.log({
          msg: 'status step superseded by a later one, not applied',
          job,
          petitionId,
          status: current.status,
        });
        return;
      case 'TOO_EARLY':
        throw new AwaitingPredecessor(
          `${job} for petition ${petitionId}: its status ${current.status} is not yet one it follows`,
        );
    }
  }
}
