import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Category, Channel, Nature, PetitionStatus } from '#common';

export interface PetitionTransfer {
  /** The body that sent it, e.g. 四川省信访局. */
  sourceBody: string;
  /** That body's reference number (来文编号). */
  referenceNo: string;
  /** The day by which the result must be reported back, if the source set one (YYYY-MM-DD). */
  reportBackDueOn: string | null;
}

/** A petition (信访事项) as registered. Intake owns it and its status. */
@Entity({ schema: 'intake', name: 'petition' })
export class Petition {
  @PrimaryColumn('uuid')
  id: string;

  /** 信访件编号, e.g. XF-510903-20261122-000123. */
  @Column({ name: 'case_no', type: 'text', unique: true })
  caseNo: string;

  /** Keyed hash of the petitioner's query code (查询码); the code itself is never stored. */
  @Column({ name: 'query_code_hash', type: 'text' })
  queryCodeHash: string;

  /**
   * The query code sealed for the receipt SMS only, when a petitioner gave a phone; cleared after
   * a week. Never loaded with the petition.
   */
  @Column({ name: 'receipt_code_sealed', type: 'text', nullable: true, select: false })
  receiptCodeSealed?: string | null;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  content: string;

  /** Where the matter arose: 6-digit county or 9-digit township code. */
  @Column({ name: 'division_code', type: 'text' })
  divisionCode: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ name: 'person_count', type: 'int' })
  personCount: number;

  @Column({ type: 'text', nullable: true })
  nature: Nature | null;

  @Column({ type: 'text', nullable: true })
  category: Category | null;

  @Column({ type: 'text' })
  status: PetitionStatus;

  /** When it reached us; staff may back-date a letter to the day it arrived. */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** The unit and account that registered it; null for the public online form. */
  @Column({ name: 'registered_by_unit', type: 'text', nullable: true })
  registeredByUnit: string | null;

  @Column({ name: 'registered_by_user', type: 'uuid', nullable: true })
  registeredByUser: string | null;

  /** The open case this petition repeats (重复信访); it was linked there, not routed anew. */
  @Column({ name: 'repeat_of', type: 'uuid', nullable: true })
  repeatOf: string | null;

  /** How many later petitions repeated this one. */
  @Column({ name: 'repeat_count', type: 'int', default: 0 })
  repeatCount: number;

  /** The hotspot (热点) this case belongs to, with other people's cases about the same thing. */
  @Column({ name: 'hotspot_id', type: 'uuid', nullable: true })
  hotspotId: string | null;

  /** When the case was concluded; repeats are looked for up to 365 days after. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** When each stage's written reply was given; each opens a 30-day request window. */
  @Column({ name: 'concluded_at', type: 'timestamptz', nullable: true })
  concludedAt: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 're_reviewed_at', type: 'timestamptz', nullable: true })
  reReviewedAt: Date | null;

  /** For a petition transferred or assigned from a higher level (转送/交办). */
  @Column({ type: 'jsonb', nullable: true })
  transfer: PetitionTransfer | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
