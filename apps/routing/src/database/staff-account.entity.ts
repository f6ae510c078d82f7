import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '#common';

/** A staff member's account. Belongs to one unit; roles decide what they may do there. */
@Entity({ schema: 'routing', name: 'staff_account' })
export class StaffAccount {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  /** argon2id. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /**
   * Raised by a trigger on every change of active, roles, unit or password: tokens issued
   * before it are refused. Never written by the application.
   */
  @Column({ type: 'int', default: 1, insert: false, update: false })
  version?: number;

  /** Set by an admin's reset: the one-time password must be changed before signing in. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;
}
