import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { Deadline } from '../database/deadline.entity.js';
import { Notification } from '../database/notification.entity.js';
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

    const notification: Omit<Notification, 'createdAt'> = {
      id: randomUUID(),
      petitionId: payload.petitionId,
      channel: 'log',
      recipientKind: 'UNIT',
      recipient: payload.unitCode,
      template: 'assignment.created',
      variables: { caseNo: payload.caseNo, dueAt: deadline.dueAt.toISOString() },
      status: 'PENDING',
      sentAt: null,
    };
    await tx.manager.insert(Notification, notification);
    await tx.publish('notification.dispatch', { notificationId: notification.id });
  }
}
