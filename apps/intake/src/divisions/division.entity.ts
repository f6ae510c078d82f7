import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DivisionLevel = 'PROVINCE' | 'PREFECTURE' | 'COUNTY' | 'TOWNSHIP';

/**
 * An administrative division (行政区划) from the National Bureau of Statistics list, imported by
 * the CLI. Codes are in their short form: 510000, 510900, 510903, 510903001.
 */
@Entity({ schema: 'intake', name: 'division' })
export class Division {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: DivisionLevel;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  /** e.g. 四川省遂宁市船山区南津路街道. */
  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** The latest NBS edition that lists this division. */
  @Column({ type: 'text' })
  edition: string;
}
