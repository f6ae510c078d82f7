import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Category, Channel, Nature, PetitionStatus } from '#common';

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

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
