import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AssignmentRole = 'LEAD' | 'CO_HANDLER';

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
  status: 'ASSIGNED';

  /** The routing rule that chose this unit, so every decision can be explained. */
  @Column({ type: 'text' })
  rule: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;
}
