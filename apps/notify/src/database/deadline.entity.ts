import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlineKind } from '#common';

/** A legal time limit (办理时限) that one unit owes on one case. */
@Entity({ schema: 'notify', name: 'deadline' })
export class Deadline {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  @Column({ name: 'case_no', type: 'text' })
  caseNo: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  kind: DeadlineKind;

  /** The assignment or event that started the clock; one deadline of a kind per source. */
  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text' })
  status: 'OPEN' | 'CLOSED';

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /**
   * When the sweep owes this deadline its next alert: a reminder before its last day, the
   * escalation once it passed, then a reminder each day while it stays overdue.
   */
  @Column({ name: 'next_alert_at', type: 'timestamptz', nullable: true })
  nextAlertAt: Date | null;

  /**
   * Counted into a year whose State Council schedule is not loaded, on the statutory holidays
   * alone (暂按法定节假日计算); counted again, and moved if need be, when the year is loaded.
   */
  @Column({ type: 'boolean', default: false })
  provisional: boolean;

  /** The days the law (and an extension) gives, to count again; null for a bureau's own date. */
  @Column({ name: 'period_days', type: 'int', nullable: true })
  periodDays: number | null;

  /** When the deadline was found missed and escalated to supervision (逾期督办); once. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  /** When the unit was last reminded of it while overdue (daily). */
  @Column({ name: 'last_overdue_reminder_at', type: 'timestamptz', nullable: true })
  lastOverdueReminderAt: Date | null;
}
