import { Injectable, Logger } from '@nestjs/common';
import {
  AwaitingPredecessor,
  OnJob,
  type JobName,
  type JobPayload,
  type StatutoryDeadlineKind,
  type Tx,
} from '#common';
import { reportBackDue } from '../database/published-views.repository.js';
import { PetitionerUpdatesService } from '../notifications/petitioner-updates.service.js';
import { noticeToUnit } from '../notifications/unit-notices.js';
import { lockProgress, recordProgress } from './assignment-progress.repository.js';
import { assignmentStepOutcome, type AssignmentStep } from './assignment-steps.js';
import { DeadlineClockService } from './deadline-clock.service.js';

type Step = JobPayload<'case.declined'>;

/** The clock of a newly assigned unit: what it owes first depends on the stage and its part. */
function firstClock(payload: JobPayload<'petition.assigned'>): StatutoryDeadlineKind | null {
  if (payload.role === 'CO_HANDLER') return null;
  if (payload.stage !== 'HANDLING') return payload.stage;
  return payload.forwarding ? 'FORWARD' : 'ACCEPTANCE';
}

/**
 * Keeps each unit's legal clocks in step with what it does on the workbench, and tells the
 * petitioner each step they are owed. Steps are applied in the order routing took them: one that
 * came before what it follows waits (AwaitingPredecessor: retried, redriven if need be), and one
 * that comes after the assignment ended changes no clock (assignment-steps.ts).
 */
@Injectable()
export class CaseClockHandler {
  private readonly logger = new Logger(CaseClockHandler.name);

  constructor(
    private readonly clock: DeadlineClockService,
    private readonly petitioners: PetitionerUpdatesService,
  ) {}

  @OnJob('petition.assigned')
  async onAssigned(payload: JobPayload<'petition.assigned'>, tx: Tx) {
    const at = new Date(payload.assignedAt);
    // Ended already (a late event): no clock to open, and nothing to tell a unit that lost it.
    if (!(await this.inOrder(tx, 'petition.assigned', payload, 'ASSIGNED', null, at))) return;
    if (payload.stage === 'HANDLING' && payload.role === 'LEAD') {
      const reportBackOn = await reportBackDue(tx.manager, payload.petitionId);
      if (reportBackOn) {
        await this.clock.holdReportBack(
          tx,
          {
            petitionId: payload.petitionId,
            caseNo: payload.caseNo,
            unitCode: payload.unitCode,
            startsAt: new Date(payload.assignedAt),
          },
          reportBackOn,
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
    if (!(await this.inOrder(tx, 'case.accepted', payload, 'ACCEPTED', 'ASSIGNED', at))) {
      // Its clocks have stopped since; the petitioner is still owed the acceptance notice.
      await this.petitioners.decided(tx, payload, 'case.accepted');
      return;
    }
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
    const at = new Date(payload.occurredAt);
    if (!(await this.inOrder(tx, 'case.extended', payload, 'EXTENDED', 'ACCEPTED', at))) return;
    const deadline = await this.clock.extend(tx, payload.assignmentId, payload.days);
    if (deadline) await this.petitioners.extended(tx, payload, deadline.dueAt);
  }

  @OnJob('case.declined')
  async onDeclined(payload: Step, tx: Tx) {
    if (!(await this.stop(tx, 'case.declined', payload, 'ASSIGNED'))) return;
    await this.petitioners.decided(tx, payload, 'case.declined');
  }

  @OnJob('case.returned')
  async onReturned(payload: Step, tx: Tx) {
    await this.stop(tx, 'case.returned', payload, 'ASSIGNED');
  }

  @OnJob('case.transferred')
  async onTransferred(payload: Step, tx: Tx) {
    await this.stop(tx, 'case.transferred', payload, 'ASSIGNED');
  }

  /** A co-handler has no clock: its end follows nothing notify must have seen. */
  @OnJob('case.withdrawn')
  async onWithdrawn(payload: JobPayload<'case.withdrawn'>, tx: Tx) {
    await this.stop(tx, 'case.withdrawn', payload, payload.role === 'LEAD' ? 'ASSIGNED' : null);
  }

  /** A first-instance reply follows acceptance; review bodies start accepted. */
  @OnJob('case.concluded')
  async onConcluded(payload: Step, tx: Tx) {
    const follows = payload.stage === 'HANDLING' ? 'ACCEPTED' : 'ASSIGNED';
    if (!(await this.stop(tx, 'case.concluded', payload, follows))) return;
    if (payload.stage === 'HANDLING') {
      await this.clock.closeReportBack(tx, payload.petitionId, new Date(payload.occurredAt));
    }
    await this.petitioners.concluded(tx, payload);
  }

  /** The unit's part ended: its clocks stop, met or missed as they stand. False if it had. */
  private async stop(
    tx: Tx,
    job: JobName,
    payload: Step,
    follows: 'ASSIGNED' | 'ACCEPTED' | null,
  ): Promise<boolean> {
    const at = new Date(payload.occurredAt);
    if (!(await this.inOrder(tx, job, payload, 'ENDED', follows, at))) return false;
    await this.clock.close(tx, payload.assignmentId, at);
    return true;
  }

  /**
   * Whether the step applies now: true (and noted as applied), false when the assignment is past
   * it (logged); throws AwaitingPredecessor when what it follows has not been applied yet.
   */
  private async inOrder(
    tx: Tx,
    job: JobName,
    payload: { assignmentId: string; petitionId: string },
    step: AssignmentStep,
    follows: 'ASSIGNED' | 'ACCEPTED' | null,
    at: Date,
  ): Promise<boolean> {
    const progress = await lockProgress(tx.manager, payload.assignmentId);
    const { assignmentId, petitionId } = payload;
    switch (assignmentStepOutcome(step, follows, progress)) {
      case 'TOO_EARLY':
        throw new AwaitingPredecessor(
          `${job} of assignment ${assignmentId}: ${follows?.toLowerCase() ?? ''} not applied yet`,
        );
      case 'SUPERSEDED':
        this.logger.log({
          msg: 'step superseded: the assignment is past it, clocks unchanged',
          job,
          assignmentId,
          petitionId,
        });
        return false;
      case 'APPLY':
        if (step !== 'EXTENDED') await recordProgress(tx.manager, assignmentId, step, at);
        return true;
    }
  }
}
