import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { chinaDateOf, OnJob, type JobPayload, type Tx } from '#common';
import { CalendarService } from '../calendar/calendar.service.js';
import { dueDate } from '../calendar/deadline-calendar.js';
import { endOfChinaDay } from '../calendar/work-calendar.js';
import { Deadline } from '../database/deadline.entity.js';
import { noticeToUnit } from '../notifications/unit-notices.js';
import { DEADLINE_RULES } from './deadline-rules.js';

/** When a unit receives a case: start its acceptance clock and tell the unit. */
@Injectable()
export class AssignmentDeadlinesHandler {
  private readonly logger = new Logger(AssignmentDeadlinesHandler.name);

  constructor(private readonly calendars: CalendarService) {}

  @OnJob('petition.assigned')
  async onAssigned(payload: JobPayload<'petition.assigned'>, tx: Tx) {
    const startsAt = new Date(payload.assignedAt);
    const rule = DEADLINE_RULES.ACCEPTANCE;
    // The day of receipt is not counted; a last day on a rest day moves to the next working day.
    const due = dueDate(
      await this.calendars.current(tx.manager),
      chinaDateOf(startsAt),
      rule.days,
      rule.counting,
    );
    if (due.beyondCoverage) {
      this.logger.error(
        `deadline of case ${payload.caseNo} falls past the holiday calendar (${due.dueDay}): ` +
          `load the State Council schedule for that year into notify.calendar_day`,
      );
    }
    const deadline: Deadline = {
      id: randomUUID(),
      petitionId: payload.petitionId,
      caseNo: payload.caseNo,
      unitCode: payload.unitCode,
      kind: 'ACCEPTANCE',
      sourceId: payload.assignmentId,
      startsAt,
      dueAt: endOfChinaDay(due.dueDay),
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
        movedOffRestDay: due.shifted,
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
