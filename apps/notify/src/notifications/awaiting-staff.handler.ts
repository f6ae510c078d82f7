import { Injectable } from '@nestjs/common';
import { AWAITED_STEP_ROLES, OnJob, type JobPayload, type Tx } from '#common';
import { noticeToUnit } from './unit-notices.js';

/**
 * A step of a case waits on staff of a unit (待办): those of them in the step's role find it in
 * their inbox, with the case number. Routing, which knows the units and roles, says who.
 */
@Injectable()
export class AwaitingStaffHandler {
  @OnJob('case.awaiting')
  async onAwaiting(payload: JobPayload<'case.awaiting'>, tx: Tx) {
    await noticeToUnit(tx, {
      petitionId: payload.petitionId,
      unitCode: payload.unitCode,
      template: 'case.awaiting',
      variables: { caseNo: payload.caseNo, step: payload.step },
      inboxRole: AWAITED_STEP_ROLES[payload.step],
    });
  }
}
