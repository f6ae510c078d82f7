import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type NotificationChannel = 'log';
export type NotificationStatus = 'PENDING' | 'SENT';

/** One message to one recipient on one channel; stored before it is sent, so none is lost. */
@Entity({ schema: 'notify', name: 'notification' })
export class Notification {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'petition_id', type: 'uuid' })
  petitionId: string;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  @Column({ name: 'recipient_kind', type: 'text' })
  recipientKind: 'UNIT';

  /** For a unit, its code. */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  template: string;

  /** Template variables: ids and codes. */
  @Column({ type: 'jsonb' })
  variables: Record<string, string>;

  @Column({ type: 'text' })
  status: NotificationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
