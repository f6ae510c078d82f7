import { Injectable } from '@nestjs/common';
import { AwaitingPredecessor, OnJob, type JobPayload, type Tx } from '#common';
import { noticeToUnit } from '../notifications/unit-notices.js';
import { DeadlineClockService } from './deadline-clock.service.js';

/**
 * A unit under supervision (督办) is told what to answer and by when, and owes the answer on a
 * clock of its own: reminded before the date, escalated to its leaders and the bureau after it.
 */
@Injectable()
export class SupervisionClockHandler {
  constructor(private readonly clock: DeadlineClockService) {}

  @OnJob('supervision.issued')
  async onIssued(payload: JobPayload<'supervision.issued'>, tx: Tx) {
    const answerDueAt = new Date(payload.answerDueAt);
    await this.clock.holdSupervisionAnswer(
      tx,
      {
        petitionId: payload.petitionId,
        caseNo: payload.caseNo,
        unitCode: payload.unitCode,
        sourceId: payload.supervisionId,
        startsAt: new Date(),
      },
      answerDueAt,
    );
    await noticeToUnit(tx, {
      petitionId: payload.petitionId,
      unitCode: payload.unitCode,
      template: 'supervision.issued',
      variables: { caseNo: payload.caseNo, answerDueAt: payload.answerDueAt },
    });
  }

  /**
   * An answer that comes before its notice waits for it: the notice would otherwise open a
   * clock no answer stops, and the unit would be escalated for an answer it gave.
   */
  @OnJob('supervision.answered')
  async onAnswered(payload: JobPayload<'supervision.answered'>, tx: Tx) {
    if (
      !(await this.clock.closeSupervisionAnswer(
        tx,
        payload.supervisionId,
        new Date(payload.answeredAt),
      ))
    ) {
      throw new AwaitingPredecessor(
        `supervision.answered of supervision ${payload.supervisionId}: its notice not applied yet`,
      );
    }
  }
}
