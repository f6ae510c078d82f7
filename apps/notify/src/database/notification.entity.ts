import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

import type { Locale } from '../notifications/templates.js';

export type NotificationChannel = 'log' | 'sms' | 'email';
/**
 * PENDING: waiting to be sent (or for its retry, or for the end of quiet hours). SENDING: handed
 * to a provider, no answer yet. SENT: the provider accepted it. DELIVERED: the handset has it
 * (delivery receipt). FAILED: refused, spent its attempts, or reported undeliverable.
 * UNCONFIRMED: handed over, but the provider's answer never came (timeout, lost link, a crash);
 * it may have gone out, so it is not sent again without an operator.
 */
export type NotificationStatus =
  'PENDING' | 'SENDING' | 'SENT' | 'DELIVERED' | 'FAILED' | 'UNCONFIRMED';
/** A unit (its duty mailbox or phone), a petitioner, or a person on a duty roster (值班表). */
export type RecipientKind = 'UNIT' | 'PETITIONER' | 'DUTY';

/** One message to one recipient on one channel; stored before it is sent, so none is lost. */
@Entity({ schema: 'notify', name: 'notification' })
export class Notification {
  @PrimaryColumn('uuid')
  id: string;

  /** Null for a notice about no case (the holiday calendar to admins). */
  @Column({ name: 'petition_id', type: 'uuid', nullable: true })
  petitionId: string | null;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  @Column({ name: 'recipient_kind', type: 'text' })
  recipientKind: RecipientKind;

  /**
   * A unit's code, a petitioner's id or a duty roster entry's id: the address (mailbox, phone)
   * is looked up when sending, so no phone number is ever copied here.
   */
  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  template: string;

  /** Template variables: ids, codes, dates; nothing personal and no query code. */
  @Column({ type: 'jsonb' })
  variables: Record<string, string>;

  /**
   * What it says, as staff may read it (the staff case view): rendered when stored, each secret
   * (the receipt's query code, added only when sending) masked. Null for notices stored before.
   */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

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

  /** Who took it: smpp, aliyun, tencent, smtp or log (the fall-back when the first failed). */
  @Column({ type: 'text', nullable: true })
  provider: string | null;

  /** The language it is written in. */
  @Column({ type: 'text', default: 'zh-CN' })
  locale: Locale;

  /** Of a unit's notice: only its staff with this role see it in their inbox (unit_leader). */
  @Column({ name: 'audience_role', type: 'text', nullable: true })
  audienceRole: string | null;

  /** The staff account a duty page is for, whose inbox shows it. */
  @Column({ name: 'staff_id', type: 'uuid', nullable: true })
  staffId: string | null;

  /** The urgent alert (紧急事项) a duty page belongs to. */
  @Column({ name: 'urgent_alert_id', type: 'uuid', nullable: true })
  urgentAlertId: string | null;

  /** When it was handed to the provider. */
  @Column({ name: 'sending_at', type: 'timestamptz', nullable: true })
  sendingAt: Date | null;

  /** When the last delivery receipt said the handset had it (every part of a long SMS). */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
