import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { Deadline } from '../database/deadline.entity.js';
import { noticeToUnit } from '../notifications/unit-notices.js';
import { ACCEPTANCE_DAYS, endOfDayAfter } from './deadline-rules.js';

/** When a unit receives a case: start its acceptance clock and tell the unit. */
@Injectable()
export class AssignmentDeadlinesHandler {
  @OnJob('petition.assigned')
  async onAssigned(payload: JobPayload<'petition.assigned'>, tx: Tx) {
    const startsAt = new Date(payload.assignedAt);
    const deadline: Deadline = {
      id: randomUUID(),
      petitionId: payload.petitionId,
      caseNo: payload.caseNo,
      unitCode: payload.unitCode,
      kind: 'ACCEPTANCE',
      sourceId: payload.assignmentId,
      startsAt,
      dueAt: endOfDayAfter(startsAt, ACCEPTANCE_DAYS),
      status: 'OPEN',
      closedAt: null,
    };
    await tx.manager.insert(Deadline, deadline);
    await tx.recordTimeline({
      petitionId: payload.petitionId,
      type: 'deadline.opened',
      visibleToPetitioner: true,
      data: {
        kind: deadline.kind,
        unitCode: deadline.unitCode,
        dueAt: deadline.dueAt.toISOString(),
      },
    });

    await noticeToUnit(tx, {
      petitionId: payload.petitionId,
      unitCode: payload.unitCode,
      template: 'assignment.created',
      variables: { caseNo: payload.caseNo, dueAt: deadline.dueAt.toISOString() },
    });
  }
}
