import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PeriodicTask, Transactions, type AppConfig, type Tx } from '#common';
import { DutyRostersService } from '../duty/duty-rosters.service.js';
import { noticesToUnits, type CheckedUnitNotice } from '../notifications/unit-notices.js';
import {
  nextSweepDelay,
  planAlert,
  type AlertPlan,
  type DeadlineAlert,
} from './deadline-alerts.js';
import {
  claimDue,
  moveAlertsOn,
  SWEEP_BATCH_SIZE,
  type ClaimedDeadline,
} from './deadline.repository.js';
import { escalateMissed } from './overdue-escalation.js';
import { ReminderScheduleService } from './reminder-schedule.service.js';

export type SweepCounts = Record<DeadlineAlert['kind'], number>;

/** The notice each alert sends the unit. */
function unitNotice(deadline: ClaimedDeadline, alert: DeadlineAlert): CheckedUnitNotice {
  const facts = {
    caseNo: deadline.case_no,
    kind: deadline.kind,
    dueAt: deadline.due_at.toISOString(),
  };
  const base = { petitionId: deadline.petition_id, unitCode: deadline.unit_code };
  switch (alert.kind) {
    case 'REMINDER':
      return {
        ...base,
        template: alert.offset.days === 0 ? 'deadline.due-today' : 'deadline.due-soon',
        variables: facts,
      };
    case 'OVERDUE':
      return { ...base, template: 'deadline.overdue', variables: facts };
    case 'STILL_OVERDUE':
      return {
        ...base,
        template: 'deadline.still-overdue',
        variables: { ...facts, days: String(alert.days) },
      };
  }
}

/**
 * Reminds units of deadlines about to pass (at REMINDER_OFFSETS before the last day, in the
 * morning), escalates those that passed at once (逾期督办: the unit, its leaders, the supervising
 * bureau, and routing's supervision notice), and reminds each morning while they stay overdue. Every notify replica runs it;
 * batches are claimed with SKIP LOCKED, and each alert moves its deadline's next alert on in the
 * transaction that stores its notices and its events, so none is sent twice.
 */
@Injectable()
export class DeadlineSweepTask extends PeriodicTask {
  private readonly on: boolean;
  private readonly intervalMs: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly schedule: ReminderScheduleService,
    private readonly rosters: DutyRostersService,
    config: ConfigService<AppConfig, true>,
  ) {
    super('DeadlineSweep');
    this.on = config.get('DEADLINE_SWEEP', { infer: true }) === 'on';
    this.intervalMs = config.get('DEADLINE_SWEEP_MS', { infer: true });
  }

  protected override enabled() {
    return this.on;
  }

  /** The first pass at once: whatever fell due while no replica was running. */
  protected override firstDelay() {
    return 0;
  }

  protected override nextDelay() {
    return nextSweepDelay(new Date(), this.intervalMs);
  }

  protected override async runOnce() {
    const counts = await this.pass();
    if (Object.values(counts).some((n) => n > 0)) {
      this.logger.log({ msg: 'deadline sweep', ...counts });
    }
  }

  /** Sends every alert due at `now`, batch by batch, until none is left. */
  async pass(now = new Date()): Promise<SweepCounts> {
    const counts: SweepCounts = { REMINDER: 0, OVERDUE: 0, STILL_OVERDUE: 0 };
    let claimed = SWEEP_BATCH_SIZE;
    while (claimed === SWEEP_BATCH_SIZE && !this.stopping) {
      const batch = await this.batch(now);
      claimed = batch.claimed;
      for (const kind of Object.keys(counts) as (keyof SweepCounts)[]) {
        counts[kind] += batch.counts[kind];
      }
    }
    return counts;
  }

  /** Claims one batch, notifies and moves it on in one transaction. */
  batch(now: Date): Promise<{ claimed: number; counts: SweepCounts }> {
    return this.transactions.run(async (tx) => {
      const deadlines = await claimDue(tx.manager, now);
      const counts: SweepCounts = { REMINDER: 0, OVERDUE: 0, STILL_OVERDUE: 0 };
      if (deadlines.length === 0) return { claimed: 0, counts };
      const remindersOf = await this.schedule.forCalendar(tx.manager);
      const plans = deadlines.map((d): [ClaimedDeadline, AlertPlan] => [
        d,
        planAlert(
          { id: d.id, dueAt: d.due_at, nextAlertAt: d.next_alert_at, overdueAt: d.overdue_at },
          remindersOf({ id: d.id, dueAt: d.due_at }),
          now,
        ),
      ]);
      const alerted = plans.flatMap(([d, plan]) => (plan.alert ? [[d, plan.alert] as const] : []));
      for (const [, alert] of alerted) counts[alert.kind]++;
      await noticesToUnits(
        tx,
        alerted.map(([d, alert]) => unitNotice(d, alert)),
      );
      const missed = alerted.filter(([, alert]) => alert.kind === 'OVERDUE').map(([d]) => d);
      await this.escalate(tx, missed);
      await moveAlertsOn(
        tx.manager,
        plans.map(([d, plan]) => ({ id: d.id, next: plan.next, alert: plan.alert?.kind ?? null })),
        now,
      );
      return { claimed: deadlines.length, counts };
    });
  }

  /** A deadline just missed: its leaders and bureau are told, routing opens the 督办单. */
  private async escalate(tx: Tx, missed: ClaimedDeadline[]) {
    await escalateMissed(tx, missed, (entry) => this.rosters.pageChannel(entry));
    for (const d of missed) {
      await tx.publish('deadline.overdue', {
        deadlineId: d.id,
        petitionId: d.petition_id,
        caseNo: d.case_no,
        unitCode: d.unit_code,
        kind: d.kind,
        dueAt: d.due_at.toISOString(),
      });
      await tx.recordTimeline({
        petitionId: d.petition_id,
        type: 'deadline.overdue',
        visibleToPetitioner: false,
        data: { kind: d.kind, unitCode: d.unit_code, dueAt: d.due_at.toISOString() },
      });
    }
  }
}
