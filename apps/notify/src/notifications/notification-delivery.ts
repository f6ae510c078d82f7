import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import {
  notificationMetrics,
  PersonalDataCipher,
  PersonalDataKeyError,
  type AppConfig,
  type NotificationOutcome,
  type Tx,
} from '#common';
import { DeliveryError, type OutgoingMessage } from '../channels/channel.js';
import { DeliveryChannels } from '../channels/delivery-channels.js';
import { Notification } from '../database/notification.entity.js';
import { render, secretsOf, TemplateError } from './templates.js';

/** The wait before the next attempt: the base delay, doubled after each failed attempt. */
export function retryDelayMs(baseMs: number, failedAttempts: number): number {
  return baseMs * 2 ** (failedAttempts - 1);
}

/**
 * Sends one stored notification, once. The row is locked for the attempt, so a second delivery
 * of the job waits and then finds it SENT. A failed attempt is recorded with its code and tried
 * again later by NotificationRetries, with a delay that doubles each time; when the attempts are
 * spent, or the failure is final, the notification is FAILED.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger('notification');
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;

  constructor(
    private readonly channels: DeliveryChannels,
    private readonly cipher: PersonalDataCipher,
    config: ConfigService<AppConfig, true>,
  ) {
    this.maxAttempts = config.get('NOTIFICATION_MAX_ATTEMPTS', { infer: true });
    this.retryBaseMs = config.get('NOTIFICATION_RETRY_DELAY_MS', { infer: true });
  }

  async deliver(tx: Tx, notificationId: string): Promise<void> {
    const notification = await tx.manager.findOne(Notification, {
      where: { id: notificationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!notification) throw new Error(`notification ${notificationId} not found`);
    if (notification.status !== 'PENDING') return;
    const attempt = notification.attempts + 1;
    const facts = {
      notificationId,
      template: notification.template,
      channel: notification.channel,
      attempt,
    };
    try {
      const to = await this.addressOf(tx.manager, notification);
      const message = await this.compose(tx.manager, notification);
      const { providerMessageId } = await this.channels.get(notification.channel).send(to, message);
      await this.recordSent(tx, notification, attempt, providerMessageId);
      this.count(tx, notification, 'sent');
      this.logger.log({ msg: 'notification delivered', ...facts });
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      if (error.retryable && attempt < this.maxAttempts) {
        const delayMs = retryDelayMs(this.retryBaseMs, attempt);
        await tx.manager.query(
          `UPDATE notify.notification SET attempts = $2, error_code = $3,
             next_attempt_at = now() + $4 * interval '1 millisecond'
           WHERE id = $1`,
          [notificationId, attempt, error.code, delayMs],
        );
        this.count(tx, notification, 'retry');
        this.logger.warn({
          msg: 'notification not delivered, will retry',
          ...facts,
          error: error.code,
          delayMs,
        });
      } else {
        await this.recordFailed(tx, notification, attempt, error.code);
        this.count(tx, notification, 'failed');
        this.logger.error({ msg: 'notification failed', ...facts, error: error.code });
      }
    }
  }

  private count(tx: Tx, notification: Notification, outcome: NotificationOutcome) {
    const { channel } = notification;
    notificationMetrics.attempted(tx, channel, this.channels.providerOf(channel), outcome);
  }

  /** Where to send: read at send time, so no address or phone is ever copied into notify. */
  private async addressOf(manager: EntityManager, notification: Notification): Promise<string> {
    if (notification.channel === 'log') return notification.recipient;
    let address: string | null | undefined;
    if (notification.recipientKind === 'UNIT') {
      const [unit] = await manager.query<
        { contact_email: string | null; contact_phone: string | null }[]
      >(`SELECT contact_email, contact_phone FROM routing.unit_directory_v1 WHERE code = $1`, [
        notification.recipient,
      ]);
      address = notification.channel === 'email' ? unit?.contact_email : unit?.contact_phone;
    } else {
      const [person] = await manager.query<{ phone_sealed: string | null }[]>(
        `SELECT phone_sealed FROM intake.petitioner_contact_v1 WHERE id = $1`,
        [notification.recipient],
      );
      address = this.open('phone', person?.phone_sealed ?? null);
    }
    if (!address) throw new DeliveryError('NO_ADDRESS', false);
    return address;
  }

  private async compose(
    manager: EntityManager,
    notification: Notification,
  ): Promise<OutgoingMessage> {
    const secrets: Record<string, string> = {};
    // Only the receipt carries a secret: the query code, sealed by intake for this one SMS.
    if (secretsOf(notification.template).includes('queryCode')) {
      const [receipt] = await manager.query<{ receipt_code_sealed: string | null }[]>(
        `SELECT receipt_code_sealed FROM intake.petition_receipt_v1 WHERE id = $1`,
        [notification.petitionId],
      );
      const queryCode = this.open('queryCode', receipt?.receipt_code_sealed ?? null);
      if (!queryCode) throw new DeliveryError('RECEIPT_CODE_EXPIRED', false);
      secrets.queryCode = queryCode;
    }
    try {
      const rendered = render(notification.template, notification.variables, secrets);
      return { notificationId: notification.id, template: notification.template, ...rendered };
    } catch (error) {
      if (error instanceof TemplateError) throw new DeliveryError('TEMPLATE_INVALID', false);
      throw error;
    }
  }

  private open(field: 'phone' | 'queryCode', sealed: string | null): string | null {
    try {
      return this.cipher.decryptOptional(field, sealed);
    } catch (error) {
      // A key missing from PERSONAL_DATA_KEYS: an operator can put it back before the last try.
      if (error instanceof PersonalDataKeyError)
        throw new DeliveryError('SEALED_KEY_UNKNOWN', true);
      throw error;
    }
  }

  private async recordSent(
    tx: Tx,
    notification: Notification,
    attempts: number,
    providerMessageId: string | null,
  ) {
    const sentAt = new Date();
    await tx.manager.update(
      Notification,
      { id: notification.id },
      { status: 'SENT', sentAt, attempts, errorCode: null, nextAttemptAt: null, providerMessageId },
    );
    await tx.recordTimeline({
      petitionId: notification.petitionId,
      type: 'notification.sent',
      occurredAt: sentAt,
      visibleToPetitioner: false,
      data: {
        channel: notification.channel,
        template: notification.template,
        recipientKind: notification.recipientKind,
      },
    });
  }

  private async recordFailed(
    tx: Tx,
    notification: Notification,
    attempts: number,
    errorCode: string,
  ) {
    await tx.manager.update(
      Notification,
      { id: notification.id },
      { status: 'FAILED', attempts, errorCode, nextAttemptAt: null },
    );
    await tx.recordTimeline({
      petitionId: notification.petitionId,
      type: 'notification.failed',
      visibleToPetitioner: false,
      data: {
        channel: notification.channel,
        template: notification.template,
        recipientKind: notification.recipientKind,
        errorCode,
      },
    });
  }
}
