import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Transactions, type AppConfig, type DeadlineKind, type Tx } from '#common';
import { noticesToUnits } from '../notifications/unit-notices.js';
import {
  ALERTS,
  dueRanges,
  nextSweepDelay,
  type DeadlineAlert,
  type DueRange,
} from './deadline-alerts.js';

/** Deadlines claimed, notified and marked in one transaction. */
export const SWEEP_BATCH_SIZE = 500;

/** The steps of a pass. Their ranges do not overlap, so their order only decides who goes first. */
const STEPS: readonly DeadlineAlert[] = ['OVERDUE', 'DUE_TODAY', 'DUE_SOON'];

export type SweepCounts = Record<DeadlineAlert, number>;

interface ClaimedDeadline {
  id: string;
  petition_id: string;
  case_no: string;
  unit_code: string;
  kind: DeadlineKind;
  due_at: Date;
}

/**
 * The open deadlines owed an alert within a range of due times, oldest first, locked; rows another
 * replica holds are skipped (it sends those). Each step's partial index holds only the deadlines
 * still waiting for it, so this reads an index range of due work, however many deadlines are open.
 */
export function claimQuery(alert: DeadlineAlert, range: DueRange, limit = SWEEP_BATCH_SIZE) {
  return {
    sql: `SELECT id, petition_id, case_no, unit_code, kind, due_at FROM notify.deadline
          WHERE status = 'OPEN' AND ${ALERTS[alert].column} IS NULL
            AND due_at < $1 ${range.from ? 'AND due_at >= $3' : ''}
          ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    params: range.from ? [range.until, limit, range.from] : [range.until, limit],
  };
}

/**
 * Reminds units of deadlines about to pass and escalates those that passed (逾期督办). Every notify
 * replica runs it; batches are claimed with SKIP LOCKED, and each alert is recorded on its
 * deadline in the transaction that stores its notice and its events, so none is sent twice.
 */
@Injectable()
export class DeadlineSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweep.name);
  private readonly enabled: boolean;
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private active?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly transactions: Transactions,
    config: ConfigService<AppConfig, true>,
  ) {
    this.enabled = config.get('DEADLINE_SWEEP', { infer: true }) === 'on';
    this.intervalMs = config.get('DEADLINE_SWEEP_MS', { infer: true });
  }

  /** The first pass at once: whatever fell due while no replica was running. */
  onApplicationBootstrap() {
    if (this.enabled) this.schedule(0);
  }

  /** Before the database pool closes: finish the batch in hand, start no other. */
  async beforeApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.active;
  }

  private schedule(delayMs: number) {
    this.timer = setTimeout(() => {
      this.active = this.pass()
        .then((counts) => {
          if (Object.values(counts).some((n) => n > 0)) {
            this.logger.log({ msg: 'deadline sweep', ...counts });
          }
        })
        .catch((error: unknown) => {
          this.logger.warn(`deadline sweep failed, will retry: ${String(error)}`);
        })
        .finally(() => {
          this.active = undefined;
          if (!this.stopped) this.schedule(nextSweepDelay(new Date(), this.intervalMs));
        });
    }, delayMs);
  }

  /** Sends every alert due at `now`, batch by batch, until none is left. */
  async pass(now = new Date()): Promise<SweepCounts> {
    const counts: SweepCounts = { OVERDUE: 0, DUE_TODAY: 0, DUE_SOON: 0 };
    const ranges = dueRanges(now);
    for (const alert of STEPS) {
      let claimed = SWEEP_BATCH_SIZE;
      while (claimed === SWEEP_BATCH_SIZE && !this.stopped) {
        claimed = await this.batch(alert, ranges[alert]);
        counts[alert] += claimed;
      }
    }
    return counts;
  }

  /** Claims one batch for an alert, notifies and marks it in one transaction; returns its size. */
  batch(alert: DeadlineAlert, range: DueRange): Promise<number> {
    return this.transactions.run(async (tx) => {
      const { sql, params } = claimQuery(alert, range);
      const deadlines = await tx.manager.query<ClaimedDeadline[]>(sql, params);
      if (deadlines.length === 0) return 0;
      await this.send(tx, alert, deadlines);
      await tx.manager.query(
        `UPDATE notify.deadline SET ${ALERTS[alert].column} = now() WHERE id = ANY ($1)`,
        [deadlines.map((d) => d.id)],
      );
      return deadlines.length;
    });
  }

  private async send(tx: Tx, alert: DeadlineAlert, deadlines: ClaimedDeadline[]) {
    const facts = (d: ClaimedDeadline) => ({
      caseNo: d.case_no,
      kind: d.kind,
      dueAt: d.due_at.toISOString(),
    });
    await noticesToUnits(
      tx,
      deadlines.map((d) => ({
        petitionId: d.petition_id,
        unitCode: d.unit_code,
        template: ALERTS[alert].template,
        variables: facts(d),
      })),
    );
    if (alert !== 'OVERDUE') return;
    for (const d of deadlines) {
      // Routing opens the supervision notice (督办单) against the unit.
      await tx.publish('deadline.overdue', {
        ...facts(d),
        deadlineId: d.id,
        petitionId: d.petition_id,
        unitCode: d.unit_code,
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
