import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person who brought a petition (信访人). Personal data: never logged, never put in a job. */
@Entity({ schema: 'intake', name: 'petitioner' })
export class Petitioner {
  @PrimaryColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  /** Order in which the petitioners were given; the first is the contact person. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'id_number', type: 'text', nullable: true })
  idNumber: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;
}
