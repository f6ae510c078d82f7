import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { noticeToUnit } from './unit-notices.js';

/** A unit under supervision (督办) is told what to answer and by when. */
@Injectable()
export class SupervisionNoticeHandler {
  @OnJob('supervision.issued')
  async onIssued(payload: JobPayload<'supervision.issued'>, tx: Tx) {
    await noticeToUnit(tx, {
      petitionId: payload.petitionId,
      unitCode: payload.unitCode,
      template: 'supervision.issued',
      variables: { caseNo: payload.caseNo, answerDueAt: payload.answerDueAt },
    });
  }
}
