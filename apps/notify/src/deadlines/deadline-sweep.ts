import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Transactions, type AppConfig, type Tx } from '#common';
import { noticesToUnits, type CheckedUnitNotice } from '../notifications/unit-notices.js';
import { PeriodicTask } from '../scheduling/periodic-task.js';
import {
  nextSweepDelay,
  planAlert,
  type AlertPlan,
  type DeadlineAlert,
} from './deadline-alerts.js';
import { escalateMissed, type MissedDeadline } from './overdue-escalation.js';
import { ReminderSchedule } from './reminder-schedule.js';

/** Deadlines claimed, notified and marked in one transaction. */
export const SWEEP_BATCH_SIZE = 500;

export type SweepCounts = Record<DeadlineAlert['kind'], number>;

interface ClaimedDeadline extends MissedDeadline {
  next_alert_at: Date | null;
  overdue_at: Date | null;
}

/**
 * The open deadlines owed an alert at `now`, oldest first, locked; rows another replica holds are
 * skipped (it sends those). The partial index over `next_alert_at` holds each open deadline once,
 * so this reads an index range of exactly the due work, however many deadlines are open.
 */
export function claimQuery(now: Date, limit = SWEEP_BATCH_SIZE) {
  return {
    sql: `SELECT id, petition_id, case_no, unit_code, kind, due_at, next_alert_at, overdue_at
          FROM notify.deadline
          WHERE status = 'OPEN' AND next_alert_at <= $1
          ORDER BY next_alert_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    params: [now, limit],
  };
}

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
export class DeadlineSweep extends PeriodicTask {
  private readonly on: boolean;
  private readonly intervalMs: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly schedule: ReminderSchedule,
    config: ConfigService<AppConfig, true>,
  ) {
    super(DeadlineSweep.name);
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
      const { sql, params } = claimQuery(now);
      const deadlines = await tx.manager.query<ClaimedDeadline[]>(sql, params);
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
      await this.moveOn(tx, plans, now);
      return { claimed: deadlines.length, counts };
    });
  }

  /** A deadline just missed: its leaders and bureau are told, routing opens the 督办单. */
  private async escalate(tx: Tx, missed: ClaimedDeadline[]) {
    await escalateMissed(tx, missed);
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

  /** Each deadline's next alert; the escalation and the daily overdue reminders are recorded. */
  private async moveOn(tx: Tx, plans: [ClaimedDeadline, AlertPlan][], now: Date) {
    await tx.manager.query(
      `UPDATE notify.deadline d SET next_alert_at = p.next,
         overdue_at = CASE WHEN p.kind = 'OVERDUE' THEN $2 ELSE d.overdue_at END,
         last_overdue_reminder_at =
           CASE WHEN p.kind = 'STILL_OVERDUE' THEN $2 ELSE d.last_overdue_reminder_at END
       FROM unnest($1::uuid[], $3::timestamptz[], $4::text[]) AS p (id, next, kind)
       WHERE d.id = p.id`,
      [
        plans.map(([d]) => d.id),
        now,
        plans.map(([, plan]) => plan.next),
        plans.map(([, plan]) => plan.alert?.kind ?? null),
      ],
    );
  }
}
