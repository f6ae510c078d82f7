import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStage } from '#common';

export type AssignmentRole = 'LEAD' | 'CO_HANDLER';

/**
 * ASSIGNED: waiting for the unit's decision; ACCEPTED (受理); DECLINED (不予受理); RETURNED (退回,
 * not ours); TRANSFERRED (转办 to another unit); CONCLUDED (办结 with the written reply);
 * WITHDRAWN (taken back by the petition bureau: the petition accuses the unit).
 */
export const AssignmentStatuses = [
  'ASSIGNED',
  'ACCEPTED',
  'DECLINED',
  'RETURNED',
  'TRANSFERRED',
  'CONCLUDED',
  'WITHDRAWN',
] as const;
export type AssignmentStatus = (typeof AssignmentStatuses)[number];

/** A case given to a unit: the lead handler (主办) or a co-handler (协办). */
@Entity({ schema: 'routing', name: 'assignment' })
export class Assignment {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  @Column({ name: 'case_no', type: 'text' })
  caseNo: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  role: AssignmentRole;

  @Column({ type: 'text' })
  status: AssignmentStatus;

  /** 办理, 复查 or 复核. */
  @Column({ type: 'text' })
  stage: CaseStage;

  /** A petition bureau that holds the case to pass it on (转送), not to answer it. */
  @Column({ type: 'boolean' })
  forwarding: boolean;

  /** The routing rule that chose this unit, so every decision can be explained. */
  @Column({ type: 'text' })
  rule: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  /** When the unit's part ended: declined, returned, transferred, concluded or withdrawn. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
