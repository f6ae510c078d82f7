import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import {
  notificationMetrics,
  PersonalDataCipher,
  PersonalDataKeyError,
  Transactions,
  type AppConfig,
  type Tx,
} from '#common';
import { DeliveryError, type OutgoingMessage } from '../channels/channel.js';
import {
  DeliveryChannelsService,
  ProviderFailure,
  type Sent,
} from '../channels/delivery-channels.service.js';
import type { Notification } from '../database/notification.entity.js';
import {
  sealedPhone,
  sealedReceiptCode,
  unitContacts,
} from '../database/published-views.repository.js';
import { rosterContact } from '../duty/duty.repository.js';
import { recordParts } from './delivery-receipt.repository.js';
import { applyReceipts } from './delivery-receipts.service.js';
import { recordEvent } from './notification-event.repository.js';
import {
  lockNotification,
  releaseClaim,
  scheduleRetry,
  updateNotification,
} from './notification.repository.js';
import { parseQuietHours, quietUntil, type QuietHours } from './quiet-hours.js';
import { render, secretsOf, TemplateError } from './templates.js';

/**
 * The wait before the next attempt: the base delay doubled after each failed attempt, of which
 * a random half is kept ("equal jitter"), so notices that failed together (a provider outage)
 * do not all come back at the same instant.
 */
export function retryDelayMs(
  baseMs: number,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  const ceiling = baseMs * 2 ** (failedAttempts - 1);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Sends one stored notification, at most once.
 *
 * The notification is claimed first, in a transaction of its own that commits before anything
 * is handed to a provider: PENDING becomes SENDING. Only a PENDING notification can be claimed,
 * so a job delivered twice, two replicas, or a retry queued twice send it once. What the
 * provider answers is recorded with the job (SENT with its message ids, or the failure). A
 * notification left SENDING (the process died while the provider had it) or whose provider never
 * answered is not sent again automatically: it becomes UNCONFIRMED for an operator, because it
 * may have gone out. A failure the provider is sure of (it refused, or could not be reached) is
 * tried again later with a growing, jittered delay; a final one, or the last attempt, is FAILED.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger('notification');
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly quietHours: QuietHours | null;

  constructor(
    private readonly channels: DeliveryChannelsService,
    private readonly cipher: PersonalDataCipher,
    private readonly transactions: Transactions,
    config: ConfigService<AppConfig, true>,
  ) {
    this.maxAttempts = config.get('NOTIFICATION_MAX_ATTEMPTS', { infer: true });
    this.retryBaseMs = config.get('NOTIFICATION_RETRY_DELAY_MS', { infer: true });
    this.quietHours = parseQuietHours(config.get('QUIET_HOURS', { infer: true }));
  }

  async deliver(tx: Tx, notificationId: string): Promise<void> {
    const notification = await this.claim(notificationId);
    if (!notification) return;
    const attempt = notification.attempts;
    const facts = {
      notificationId,
      template: notification.template,
      channel: notification.channel,
      attempt,
    };
    let message: { to: string; content: OutgoingMessage };
    try {
      message = {
        to: await this.addressOf(tx.manager, notification),
        content: await this.compose(tx.manager, notification),
      };
    } catch (error) {
      if (error instanceof DeliveryError) {
        await this.recordFailure(tx, notification, new ProviderFailure(error, null), facts);
        return;
      }
      // Nothing was handed over: it may be sent again.
      await this.release(notification, 'INTERNAL_ERROR');
      throw error;
    }
    let sent: Sent;
    try {
      sent = await this.channels.send(notification.channel, message.to, message.content, attempt);
    } catch (error) {
      if (!(error instanceof ProviderFailure)) throw error;
      await this.recordFailure(tx, notification, error, facts);
      return;
    }
    await this.recordSent(tx, notification, sent);
    this.logger.log({ msg: 'notification delivered', ...facts, provider: sent.provider });
  }

  /**
   * PENDING → SENDING, committed before the send, when the notification is due; null when it is
   * not to be sent now: already handled, waiting for a retry, or held for quiet hours.
   */
  private claim(notificationId: string): Promise<Notification | null> {
    return this.transactions.run(async (tx) => {
      const notification = await lockNotification(tx.manager, notificationId);
      if (!notification) throw new Error(`notification ${notificationId} not found`);
      const now = new Date();
      if (notification.status !== 'PENDING') return null;
      // Its retry is not due yet: the retry sweep queues it then.
      if (notification.nextAttemptAt && notification.nextAttemptAt > now) return null;
      const heldUntil =
        notification.recipientKind === 'PETITIONER' && notification.channel === 'sms'
          ? quietUntil(now, this.quietHours)
          : null;
      if (heldUntil) {
        await updateNotification(tx.manager, notificationId, { nextAttemptAt: heldUntil });
        await recordEvent(tx.manager, { notificationId, event: 'HELD' });
        this.logger.log({
          msg: 'notification held for quiet hours',
          notificationId,
          until: heldUntil.toISOString(),
        });
        return null;
      }
      const claimed = {
        status: 'SENDING' as const,
        attempts: notification.attempts + 1,
        sendingAt: now,
        nextAttemptAt: null,
      };
      await updateNotification(tx.manager, notificationId, claimed);
      await recordEvent(tx.manager, {
        notificationId,
        event: 'SENDING',
        attempt: claimed.attempts,
      });
      return Object.assign(notification, claimed);
    });
  }

  /** A claimed notification that was never handed over goes back to wait for its retry. */
  private release(notification: Notification, errorCode: string) {
    return this.transactions.run(async (tx) => {
      await releaseClaim(
        tx.manager,
        notification.id,
        errorCode,
        retryDelayMs(this.retryBaseMs, notification.attempts),
      );
      await recordEvent(tx.manager, {
        notificationId: notification.id,
        event: 'RETRY',
        attempt: notification.attempts,
        errorCode,
      });
    });
  }

  /** Where to send: read at send time, so no address or phone is ever copied into notify. */
  private async addressOf(manager: EntityManager, notification: Notification): Promise<string> {
    if (notification.channel === 'log') return notification.recipient;
    let address: string | null | undefined;
    if (notification.recipientKind === 'UNIT') {
      const [unit] = await unitContacts(manager, [notification.recipient]);
      address = notification.channel === 'email' ? unit?.contact_email : unit?.contact_phone;
    } else if (notification.recipientKind === 'DUTY') {
      const entry = await rosterContact(manager, notification.recipient);
      address =
        notification.channel === 'email'
          ? this.open('address', entry?.email_sealed ?? null)
          : this.open('phone', entry?.phone_sealed ?? null);
    } else {
      address = this.open('phone', await sealedPhone(manager, notification.recipient));
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
      const sealed = notification.petitionId
        ? await sealedReceiptCode(manager, notification.petitionId)
        : null;
      const queryCode = this.open('queryCode', sealed);
      if (!queryCode) throw new DeliveryError('RECEIPT_CODE_EXPIRED', false);
      secrets.queryCode = queryCode;
    }
    try {
      const rendered = render(
        notification.template,
        notification.variables,
        secrets,
        notification.locale,
      );
      return { notificationId: notification.id, template: notification.template, ...rendered };
    } catch (error) {
      if (error instanceof TemplateError) throw new DeliveryError('TEMPLATE_INVALID', false);
      throw error;
    }
  }

  /** A duty mailbox is sealed as an address (it is one). */
  private open(field: 'phone' | 'queryCode' | 'address', sealed: string | null): string | null {
    try {
      return this.cipher.decryptOptional(field, sealed);
    } catch (error) {
      // A key missing from PERSONAL_DATA_KEYS: an operator can put it back before the last try.
      if (error instanceof PersonalDataKeyError)
        throw new DeliveryError('SEALED_KEY_UNKNOWN', true);
      throw error;
    }
  }

  private async recordSent(tx: Tx, notification: Notification, sent: Sent) {
    notificationMetrics.attempted(tx, notification.channel, sent.provider, 'sent');
    const sentAt = new Date();
    await updateNotification(tx.manager, notification.id, {
      status: 'SENT',
      sentAt,
      errorCode: null,
      nextAttemptAt: null,
      providerMessageId: sent.providerMessageId,
      provider: sent.provider,
    });
    if (sent.partIds.length > 0) {
      // Delivery receipts name these ids; a receipt that came first is applied by the retry sweep.
      await recordParts(tx.manager, sent.provider, notification.id, sent.partIds);
    }
    await recordEvent(tx.manager, {
      notificationId: notification.id,
      event: 'SENT',
      provider: sent.provider,
      attempt: notification.attempts,
    });
    // A notice about no case (to admins, on the calendar) has no case timeline.
    if (notification.petitionId)
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
    if (sent.partIds.length > 0) {
      await applyReceipts(tx, { provider: sent.provider, messageIds: sent.partIds });
    }
  }

  private async recordFailure(
    tx: Tx,
    notification: Notification,
    { error, provider }: ProviderFailure,
    facts: Record<string, unknown>,
  ) {
    const common = {
      notificationId: notification.id,
      provider,
      attempt: notification.attempts,
      errorCode: error.code,
    };
    if (error.kind === 'UNCERTAIN') {
      notificationMetrics.attempted(tx, notification.channel, provider ?? 'none', 'unconfirmed');
      await updateNotification(tx.manager, notification.id, {
        status: 'UNCONFIRMED',
        errorCode: error.code,
        provider,
      });
      await recordEvent(tx.manager, { ...common, event: 'UNCONFIRMED' });
      this.logger.error({
        msg: 'notification may have been sent, not sent again',
        ...facts,
        provider,
        error: error.code,
      });
      return;
    }
    if (error.retryable && notification.attempts < this.maxAttempts) {
      notificationMetrics.attempted(tx, notification.channel, provider ?? 'none', 'retry');
      const delayMs = retryDelayMs(this.retryBaseMs, notification.attempts);
      await scheduleRetry(tx.manager, notification.id, {
        errorCode: error.code,
        provider,
        delayMs,
      });
      await recordEvent(tx.manager, { ...common, event: 'RETRY' });
      this.logger.warn({
        msg: 'notification not delivered, will retry',
        ...facts,
        provider,
        error: error.code,
        delayMs,
      });
      return;
    }
    notificationMetrics.attempted(tx, notification.channel, provider ?? 'none', 'failed');
    await updateNotification(tx.manager, notification.id, {
      status: 'FAILED',
      errorCode: error.code,
      nextAttemptAt: null,
      provider,
    });
    await recordEvent(tx.manager, { ...common, event: 'FAILED' });
    // A notice about no case (to admins, on the calendar) has no case timeline.
    if (notification.petitionId)
      await tx.recordTimeline({
        petitionId: notification.petitionId,
        type: 'notification.failed',
        visibleToPetitioner: false,
        data: {
          channel: notification.channel,
          template: notification.template,
          recipientKind: notification.recipientKind,
          errorCode: error.code,
        },
      });
    this.logger.error({ msg: 'notification failed', ...facts, provider, error: error.code });
  }
}
