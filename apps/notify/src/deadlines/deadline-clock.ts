import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  chinaDateOf,
  endOfChinaDay,
  type AppConfig,
  type DeadlineKind,
  type StatutoryDeadlineKind,
  type Tx,
} from '#common';
import { CalendarService } from '../calendar/calendar.service.js';
import { dueDate } from '../calendar/deadline-calendar.js';

import { Deadline } from '../database/deadline.entity.js';
import { firstAlertAt } from './deadline-alerts.js';
import { deadlineRules } from './deadline-rules.js';
import { ReminderSchedule } from './reminder-schedule.js';

export interface ClockStart {
  petitionId: string;
  caseNo: string;
  unitCode: string;
  kind: StatutoryDeadlineKind;
  /** The assignment whose duty it is; one clock of a kind per assignment. */
  sourceId: string;
  startsAt: Date;
}

/** Opens, moves and stops the legal clocks, on the legal calendar (holidays, 调休). */
@Injectable()
export class DeadlineClock {
  private readonly logger = new Logger(DeadlineClock.name);

  private readonly rules: ReturnType<typeof deadlineRules>;

  constructor(
    private readonly calendars: CalendarService,
    private readonly schedule: ReminderSchedule,
    config: ConfigService<AppConfig, true>,
  ) {
    this.rules = deadlineRules(config.get('DEADLINE_WORKING_DAY_KINDS', { infer: true }));
  }

  async open(tx: Tx, start: ClockStart): Promise<Deadline> {
    return this.insert(
      tx,
      { ...start, dueAt: await this.due(tx, start.kind, start.startsAt, start.caseNo) },
      true,
    );
  }

  private async insert(
    tx: Tx,
    start: Omit<ClockStart, 'kind'> & { kind: DeadlineKind; dueAt: Date },
    visibleToPetitioner: boolean,
  ): Promise<Deadline> {
    const id = randomUUID();
    const deadline: Deadline = {
      id,
      petitionId: start.petitionId,
      caseNo: start.caseNo,
      unitCode: start.unitCode,
      kind: start.kind,
      sourceId: start.sourceId,
      startsAt: start.startsAt,
      dueAt: start.dueAt,
      status: 'OPEN',
      closedAt: null,
      nextAlertAt: await this.firstAlert(tx, { id, dueAt: start.dueAt }),
      overdueAt: null,
      lastOverdueReminderAt: null,
    };
    await tx.manager.insert(Deadline, deadline);
    await tx.recordTimeline({
      petitionId: start.petitionId,
      type: 'deadline.opened',
      visibleToPetitioner,
      data: {
        kind: deadline.kind,
        unitCode: deadline.unitCode,
        dueAt: deadline.dueAt.toISOString(),
      },
    });
    return deadline;
  }

  /**
   * The date a higher level set for the result of a case it assigned (交办): one clock per case,
   * owed by whichever unit leads it now. It is the higher level's date, so no rest-day shift.
   */
  async holdReportBack(
    tx: Tx,
    start: Omit<ClockStart, 'kind' | 'sourceId'>,
    dueOn: string,
  ): Promise<void> {
    const existing = await tx.manager.findOneBy(Deadline, {
      sourceId: start.petitionId,
      kind: 'REPORT_BACK',
    });
    if (existing) {
      if (existing.status === 'OPEN') {
        await tx.manager.update(Deadline, { id: existing.id }, { unitCode: start.unitCode });
      }
      return;
    }
    // The higher level's date, not the law's: the petitioner's page does not list it.
    await this.insert(
      tx,
      { ...start, kind: 'REPORT_BACK', sourceId: start.petitionId, dueAt: endOfChinaDay(dueOn) },
      false,
    );
  }

  /**
   * The date a petition bureau set for a unit's answer to its supervision notice (督办回复): the
   * bureau's date, as given, and not shown to the petitioner.
   */
  async holdSupervisionAnswer(tx: Tx, start: Omit<ClockStart, 'kind'>, dueAt: Date): Promise<void> {
    const existing = await tx.manager.findOneBy(Deadline, {
      sourceId: start.sourceId,
      kind: 'SUPERVISION_ANSWER',
    });
    if (!existing) await this.insert(tx, { ...start, kind: 'SUPERVISION_ANSWER', dueAt }, false);
  }

  /** The completion report went with the reply: the report-back clock stops. */
  async closeReportBack(tx: Tx, petitionId: string, at: Date): Promise<void> {
    await tx.manager.update(
      Deadline,
      { sourceId: petitionId, kind: 'REPORT_BACK', status: 'OPEN' },
      { status: 'CLOSED', closedAt: at },
    );
  }

  /** An approved extension moves the conclusion deadline by its days, counted from the start. */
  async extend(tx: Tx, assignmentId: string, days: number): Promise<Deadline | null> {
    const deadline = await tx.manager.findOneBy(Deadline, {
      sourceId: assignmentId,
      kind: 'CONCLUSION',
      status: 'OPEN',
    });
    if (!deadline) return null;
    const dueAt = await this.due(tx, 'CONCLUSION', deadline.startsAt, deadline.caseNo, days);
    // The new last days are reminded again (DeadlineSweep).
    const reminders = { nextAlertAt: await this.firstAlert(tx, { id: deadline.id, dueAt }) };
    await tx.manager.update(Deadline, { id: deadline.id }, { dueAt, ...reminders });
    await tx.recordTimeline({
      petitionId: deadline.petitionId,
      type: 'deadline.extended',
      visibleToPetitioner: true,
      data: { kind: deadline.kind, days, dueAt: dueAt.toISOString() },
    });
    return Object.assign(deadline, { dueAt, ...reminders });
  }

  /** Stops the clocks an assignment still has running. */
  async close(tx: Tx, assignmentId: string, at: Date): Promise<void> {
    await tx.manager.update(
      Deadline,
      { sourceId: assignmentId, status: 'OPEN' },
      { status: 'CLOSED', closedAt: at },
    );
  }

  /** When the sweep first owes the deadline an alert. */
  private async firstAlert(tx: Tx, deadline: { id: string; dueAt: Date }): Promise<Date> {
    const reminders = await this.schedule.forCalendar(tx.manager);
    return firstAlertAt(deadline.dueAt, reminders(deadline), new Date());
  }

  private async due(
    tx: Tx,
    kind: StatutoryDeadlineKind,
    startsAt: Date,
    caseNo: string,
    extraDays = 0,
  ): Promise<Date> {
    const rule = this.rules[kind];
    // The day of receipt is not counted; a last day on a rest day moves to the next working day.
    const due = dueDate(
      await this.calendars.current(tx.manager),
      chinaDateOf(startsAt),
      rule.days + extraDays,
      rule.counting,
    );
    if (due.beyondCoverage) {
      this.logger.error(
        `deadline of case ${caseNo} falls past the holiday calendar (${due.dueDay}): ` +
          `load the State Council schedule for that year into notify.calendar_day`,
      );
    }
    return endOfChinaDay(due.dueDay);
  }
}
