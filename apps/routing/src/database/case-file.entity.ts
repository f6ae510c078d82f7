import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseStage } from '#common';

/** Why a case is major (重大): it then needs a responsible leader (包案领导). */
export type MajorReason = 'COLLECTIVE' | 'REPEATED' | 'FROM_ABOVE';

/** Routing's record of one case across its units and stages. */
@Entity({ schema: 'routing', name: 'case_file' })
export class CaseFile {
  @PrimaryColumn({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  @Column({ name: 'case_no', type: 'text' })
  caseNo: string;

  @Column({ type: 'text' })
  stage: CaseStage;

  /** In the petition bureau's manual triage queue, waiting for a dispatcher. */
  @Column({ name: 'awaiting_triage', type: 'boolean' })
  awaitingTriage: boolean;

  @Column({ name: 'triage_reason', type: 'text', nullable: true })
  triageReason: string | null;

  /** How often units gave it back as not theirs; from 2 on the petition bureau's decision binds. */
  @Column({ type: 'int' })
  returns: number;

  @Column({ name: 'major_reasons', type: 'text', array: true })
  majorReasons: MajorReason[];

  @Column({ name: 'responsible_leader_id', type: 'uuid', nullable: true })
  responsibleLeaderId: string | null;

  /** Concluded by re-review (复核): nothing more can happen to the matter. */
  @Column({ type: 'boolean' })
  final: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
