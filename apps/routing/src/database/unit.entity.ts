import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Category, UnitKind, UnitLevel } from '#common';

/** A unit that petitions can be assigned to: a government, a department, a petition bureau… */
@Entity({ schema: 'routing', name: 'unit' })
export class Unit {
  @PrimaryColumn('text')
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: UnitKind;

  @Column({ type: 'text' })
  level: UnitLevel;

  @Column({ name: 'division_code', type: 'text' })
  divisionCode: string;

  @Column({ name: 'superior_code', type: 'text', nullable: true })
  superiorCode: string | null;

  /** Categories this unit leads on (谁主管、谁负责). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: Category[];

  /** Duty mailbox for notices (email channel). */
  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail: string | null;

  /** Duty phone (值班电话), mainland mobile, for SMS notices. */
  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone: string | null;

  /** Deactivated rather than deleted; an inactive unit receives no new cases. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
