import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type StatutoryDeadlineKind, type Tx } from '#common';
import { PetitionerUpdates } from '../notifications/petitioner-updates.js';
import { noticeToUnit } from '../notifications/unit-notices.js';
import { DeadlineClock } from './deadline-clock.js';

type Step = JobPayload<'case.declined'>;

/** The clock of a newly assigned unit: what it owes first depends on the stage and its part. */
function firstClock(payload: JobPayload<'petition.assigned'>): StatutoryDeadlineKind | null {
  if (payload.role === 'CO_HANDLER') return null;
  if (payload.stage !== 'HANDLING') return payload.stage;
  return payload.forwarding ? 'FORWARD' : 'ACCEPTANCE';
}

/**
 * Keeps each unit's legal clocks in step with what it does on the workbench, and tells the
 * petitioner each step they are owed.
 */
@Injectable()
export class CaseClockHandler {
  constructor(
    private readonly clock: DeadlineClock,
    private readonly petitioners: PetitionerUpdates,
  ) {}

  @OnJob('petition.assigned')
  async onAssigned(payload: JobPayload<'petition.assigned'>, tx: Tx) {
    if (payload.stage === 'HANDLING' && payload.role === 'LEAD') {
      const [transfer] = await tx.manager.query<{ due: string | null }[]>(
        `SELECT report_back_due_on::text AS due FROM intake.petition_transfer_v1
         WHERE petition_id = $1`,
        [payload.petitionId],
      );
      if (transfer?.due) {
        await this.clock.holdReportBack(
          tx,
          {
            petitionId: payload.petitionId,
            caseNo: payload.caseNo,
            unitCode: payload.unitCode,
            startsAt: new Date(payload.assignedAt),
          },
          transfer.due,
        );
      }
    }
    const kind = firstClock(payload);
    const deadline =
      kind &&
      (await this.clock.open(tx, {
        petitionId: payload.petitionId,
        caseNo: payload.caseNo,
        unitCode: payload.unitCode,
        kind,
        sourceId: payload.assignmentId,
        startsAt: new Date(payload.assignedAt),
      }));
    await this.petitioners.assigned(tx, payload);
    if (deadline) {
      await noticeToUnit(tx, {
        petitionId: payload.petitionId,
        unitCode: payload.unitCode,
        template: 'assignment.created',
        variables: { caseNo: payload.caseNo, dueAt: deadline.dueAt.toISOString() },
      });
    } else {
      await noticeToUnit(tx, {
        petitionId: payload.petitionId,
        unitCode: payload.unitCode,
        template: 'assignment.co-handler',
        variables: { caseNo: payload.caseNo },
      });
    }
  }

  /** 受理: the acceptance clock stops and the 60 days to conclude begin. */
  @OnJob('case.accepted')
  async onAccepted(payload: JobPayload<'case.accepted'>, tx: Tx) {
    const at = new Date(payload.occurredAt);
    await this.clock.close(tx, payload.assignmentId, at);
    await this.clock.open(tx, {
      petitionId: payload.petitionId,
      caseNo: payload.caseNo,
      unitCode: payload.unitCode,
      kind: 'CONCLUSION',
      sourceId: payload.assignmentId,
      startsAt: at,
    });
    await this.petitioners.decided(tx, payload, 'case.accepted');
  }

  @OnJob('case.extended')
  async onExtended(payload: JobPayload<'case.extended'>, tx: Tx) {
    const deadline = await this.clock.extend(tx, payload.assignmentId, payload.days);
    if (deadline) await this.petitioners.extended(tx, payload, deadline.dueAt);
  }

  @OnJob('case.declined')
  async onDeclined(payload: Step, tx: Tx) {
    await this.stop(payload, tx);
    await this.petitioners.decided(tx, payload, 'case.declined');
  }

  @OnJob('case.returned')
  onReturned(payload: Step, tx: Tx) {
    return this.stop(payload, tx);
  }

  @OnJob('case.transferred')
  onTransferred(payload: Step, tx: Tx) {
    return this.stop(payload, tx);
  }

  @OnJob('case.withdrawn')
  onWithdrawn(payload: JobPayload<'case.withdrawn'>, tx: Tx) {
    return this.stop(payload, tx);
  }

  @OnJob('case.concluded')
  async onConcluded(payload: Step, tx: Tx) {
    await this.stop(payload, tx);
    if (payload.stage === 'HANDLING') {
      await this.clock.closeReportBack(tx, payload.petitionId, new Date(payload.occurredAt));
    }
    await this.petitioners.concluded(tx, payload);
  }

  /** The unit's part ended: its clocks stop, met or missed as they stand. */
  private stop(payload: Step, tx: Tx) {
    return this.clock.close(tx, payload.assignmentId, new Date(payload.occurredAt));
  }
}
