import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type PetitionStatus, type Tx } from '#common';
import { Petition } from '../database/petition.entity.js';

type Step = JobPayload<'case.accepted'>;

/** The status a lead assignment of each stage brings, and the statuses it may follow. */
const ASSIGNED: Record<Step['stage'], { to: PetitionStatus; from: PetitionStatus[] }> = {
  // A transfer re-assigns a case that another unit had received or even accepted.
  HANDLING: { to: 'ASSIGNED', from: ['RECEIVED', 'AWAITING_TRIAGE', 'ASSIGNED', 'ACCEPTED'] },
  REVIEW: { to: 'IN_REVIEW', from: ['CONCLUDED', 'AWAITING_TRIAGE'] },
  RE_REVIEW: { to: 'IN_RE_REVIEW', from: ['REVIEWED', 'AWAITING_TRIAGE'] },
};

const CONCLUDED = {
  HANDLING: { status: 'CONCLUDED', from: 'ASSIGNED', column: 'concludedAt' },
  REVIEW: { status: 'REVIEWED', from: 'IN_REVIEW', column: 'reviewedAt' },
  RE_REVIEW: { status: 'RE_REVIEWED', from: 'IN_RE_REVIEW', column: 'reReviewedAt' },
} as const;

/** Keeps the petition's status, which intake owns, in step with routing's decisions. */
@Injectable()
export class PetitionStatusHandler {
  @OnJob('petition.assigned')
  async onAssigned(payload: JobPayload<'petition.assigned'>, tx: Tx) {
    if (payload.role !== 'LEAD') return;
    const { to, from } = ASSIGNED[payload.stage];
    await this.move(tx, payload.petitionId, from, { status: to });
  }

  /**
   * The classifier fills what the registrar left open; a dispatcher's confirmation in triage
   * replaces it.
   */
  @OnJob('petition.classified')
  async onClassified(payload: JobPayload<'petition.classified'>, tx: Tx) {
    const keep = payload.by === 'CLASSIFIER';
    await tx.manager.query(
      `UPDATE intake.petition
       SET nature = CASE WHEN $4 THEN COALESCE(nature, $2) ELSE $2 END,
           category = CASE WHEN $4 THEN COALESCE(category, $3) ELSE $3 END
       WHERE id = $1`,
      [payload.petitionId, payload.nature, payload.category, keep],
    );
  }

  @OnJob('petition.triage-required')
  async onTriageRequired(payload: JobPayload<'petition.triage-required'>, tx: Tx) {
    await this.move(tx, payload.petitionId, ['RECEIVED'], { status: 'AWAITING_TRIAGE' });
  }

  @OnJob('case.accepted')
  async onAccepted(payload: Step, tx: Tx) {
    await this.move(tx, payload.petitionId, ['ASSIGNED'], { status: 'ACCEPTED' });
  }

  /** 不予受理 ends the matter here; the refusal and its ground are on the public page. */
  @OnJob('case.declined')
  async onDeclined(payload: Step, tx: Tx) {
    await this.move(tx, payload.petitionId, ['ASSIGNED'], {
      status: 'NOT_ACCEPTED',
      closedAt: new Date(payload.occurredAt),
    });
  }

  @OnJob('case.returned')
  async onReturned(payload: Step, tx: Tx) {
    await this.move(tx, payload.petitionId, ['ASSIGNED'], { status: 'AWAITING_TRIAGE' });
  }

  /** Taken back from a unit the petition accuses: a dispatcher decides anew. */
  @OnJob('case.withdrawn')
  async onWithdrawn(payload: JobPayload<'case.withdrawn'>, tx: Tx) {
    if (payload.role !== 'LEAD' || payload.stage !== 'HANDLING') return;
    await this.move(tx, payload.petitionId, ['ASSIGNED', 'ACCEPTED'], {
      status: 'AWAITING_TRIAGE',
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
    await this.move(tx, payload.petitionId, from, {
      status: step.status,
      [step.column]: at,
      closedAt: at,
    });
  }

  private async move(
    tx: Tx,
    petitionId: string,
    from: PetitionStatus[],
    change: Partial<Petition>,
  ) {
    await tx.manager
      .createQueryBuilder()
      .update(Petition)
      .set(change)
      .where('id = :id AND status IN (:...from)', { id: petitionId, from })
      .execute();
  }
}
