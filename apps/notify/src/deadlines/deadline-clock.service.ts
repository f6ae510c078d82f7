import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  endOfChinaDay,
  type AppConfig,
  type DeadlineKind,
  type StatutoryDeadlineKind,
  type Tx,
} from '#common';
import { CalendarService } from '../calendar/calendar.service.js';
import { countingLock } from '../calendar/calendar.repository.js';
import { countPeriod } from '../calendar/deadline-calendar.js';
import type { Deadline } from '../database/deadline.entity.js';
import { firstAlertAt } from './deadline-alerts.js';
import { closeClocks, findClock, insertDeadline, updateDeadline } from './deadline.repository.js';
import { deadlineRules } from './deadline-rules.js';
import { ReminderScheduleService } from './reminder-schedule.service.js';

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
export class DeadlineClockService {
  private readonly rules: ReturnType<typeof deadlineRules>;

  constructor(
    private readonly calendars: CalendarService,
    private readonly schedule: ReminderScheduleService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.rules = deadlineRules(config.get('DEADLINE_WORKING_DAY_KINDS', { infer: true }));
  }

  async open(tx: Tx, start: ClockStart): Promise<Deadline> {
    return this.insert(tx, { ...start, ...(await this.due(tx, start.kind, start.startsAt)) }, true);
  }

  private async insert(
    tx: Tx,
    start: Omit<ClockStart, 'kind'> & {
      kind: DeadlineKind;
      dueAt: Date;
      provisional?: boolean;
      periodDays?: number;
    },
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
      provisional: start.provisional ?? false,
      periodDays: start.periodDays ?? null,
    };
    await insertDeadline(tx.manager, deadline);
    await tx.recordTimeline({
      petitionId: start.petitionId,
      type: 'deadline.opened',
      visibleToPetitioner,
      data: {
        kind: deadline.kind,
        unitCode: deadline.unitCode,
        dueAt: deadline.dueAt.toISOString(),
        ...(deadline.provisional && { provisional: true }),
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
    const existing = await findClock(tx.manager, {
      sourceId: start.petitionId,
      kind: 'REPORT_BACK',
    });
    if (existing) {
      if (existing.status === 'OPEN') {
        await updateDeadline(tx.manager, existing.id, { unitCode: start.unitCode });
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
    const existing = await findClock(tx.manager, {
      sourceId: start.sourceId,
      kind: 'SUPERVISION_ANSWER',
    });
    if (!existing) await this.insert(tx, { ...start, kind: 'SUPERVISION_ANSWER', dueAt }, false);
  }

  /** The unit answered a supervision notice: its answer clock stops. False if it has none yet. */
  async closeSupervisionAnswer(tx: Tx, supervisionId: string, at: Date): Promise<boolean> {
    const clock = await findClock(tx.manager, {
      sourceId: supervisionId,
      kind: 'SUPERVISION_ANSWER',
    });
    if (!clock) return false;
    await this.close(tx, supervisionId, at);
    return true;
  }

  /** The completion report went with the reply: the report-back clock stops. */
  async closeReportBack(tx: Tx, petitionId: string, at: Date): Promise<void> {
    await closeClocks(tx.manager, { sourceId: petitionId, kind: 'REPORT_BACK' }, at);
  }

  /** An approved extension moves the conclusion deadline by its days, counted from the start. */
  async extend(tx: Tx, assignmentId: string, days: number): Promise<Deadline | null> {
    const deadline = await findClock(tx.manager, {
      sourceId: assignmentId,
      kind: 'CONCLUSION',
      status: 'OPEN',
    });
    if (!deadline) return null;
    const due = await this.due(tx, 'CONCLUSION', deadline.startsAt, days);
    const { dueAt } = due;
    // The new last days are reminded again (DeadlineSweepTask).
    const changes = { ...due, nextAlertAt: await this.firstAlert(tx, { id: deadline.id, dueAt }) };
    await updateDeadline(tx.manager, deadline.id, changes);
    await tx.recordTimeline({
      petitionId: deadline.petitionId,
      type: 'deadline.extended',
      visibleToPetitioner: true,
      data: {
        kind: deadline.kind,
        days,
        dueAt: dueAt.toISOString(),
        ...(due.provisional && { provisional: true }),
      },
    });
    return Object.assign(deadline, changes);
  }

  /** Stops the clocks an assignment still has running. */
  async close(tx: Tx, assignmentId: string, at: Date): Promise<void> {
    await closeClocks(tx.manager, { sourceId: assignmentId }, at);
  }

  /** When the sweep first owes the deadline an alert. */
  private async firstAlert(tx: Tx, deadline: { id: string; dueAt: Date }): Promise<Date> {
    const reminders = await this.schedule.forCalendar(tx.manager);
    return firstAlertAt(deadline.dueAt, reminders(deadline), new Date());
  }

  /**
   * The end of a statutory period. Counted into a year whose schedule is not loaded, it is
   * provisional (statutory holidays only) and counted again when the year is loaded.
   */
  private async due(
    tx: Tx,
    kind: StatutoryDeadlineKind,
    startsAt: Date,
    extraDays = 0,
  ): Promise<{ dueAt: Date; provisional: boolean; periodDays: number }> {
    const periodDays = this.rules[kind].days + extraDays;
    await countingLock(tx.manager);
    const due = countPeriod(await this.calendars.current(tx.manager), this.rules, {
      kind,
      startsAt,
      periodDays,
    });
    return { ...due, periodDays };
  }
}
