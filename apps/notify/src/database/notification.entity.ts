import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type NotificationChannel = 'log' | 'sms' | 'email';
export type NotificationStatus = 'PENDING' | 'SENT' | 'FAILED';
export type RecipientKind = 'UNIT' | 'PETITIONER';

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
  recipientKind: RecipientKind;

  /**
   * A unit's code, or a petitioner's id: the address (mailbox, phone) is looked up when sending,
   * so no phone number is ever copied here.
   */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  template: string;

  /** Template variables: ids, codes, dates; nothing personal and no query code. */
  @Column({ type: 'jsonb' })
  variables: Record<string, string>;

  @Column({ type: 'text' })
  status: NotificationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** Delivery attempts made so far. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When the retry sweep sends it again; null while no retry is waiting. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** Why the last attempt failed, as a code (e.g. ESME_RSYSERR); never message text. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  /** The provider's id of the message (SMPP message_id, SMTP Message-ID, cloud BizId). */
  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId: string | null;
}
