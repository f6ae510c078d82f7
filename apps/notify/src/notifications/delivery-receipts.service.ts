import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Transactions, type Tx } from '#common';
import type { DeliveryReceipt } from '../channels/channel.js';
import { DeliveryChannelsService } from '../channels/delivery-channels.service.js';
import {
  adoptHintedMessages,
  applyStoredReceipts,
  dropUnmatchedReceipts,
  lockPartsReported,
  storeReceipts,
} from './delivery-receipt.repository.js';
import { recordEvent } from './notification-event.repository.js';
import { settleDelivered, settleFailed } from './notification.repository.js';

/** Receipts whose message is unknown after this long are dropped (not ours, or long gone). */
const KEEP_UNMATCHED_DAYS = 7;
const BATCH_SIZE = 500;

/**
 * Applies stored receipts to the parts they name, then settles the notifications concerned.
 * Only `messages` are looked at when given (a receipt just stored, a send just recorded);
 * otherwise a batch of any receipts still waiting for their message.
 */
export async function applyReceipts(
  tx: Tx,
  messages?: { provider: string; messageIds: string[] },
): Promise<number> {
  const ids = await applyStoredReceipts(tx.manager, BATCH_SIZE, messages);
  for (const id of ids) await settle(tx, id);
  return ids.length;
}

/**
 * A sent notification is DELIVERED once every part is, and FAILED as soon as one part is
 * reported undeliverable (the handset cannot show the text whole). Neither is sent again.
 */
async function settle(tx: Tx, notificationId: string): Promise<void> {
  const parts = await lockPartsReported(tx.manager, notificationId);
  if (!parts || !['SENT', 'UNCONFIRMED'].includes(parts.status)) return;
  if (parts.failure !== null) {
    await settleFailed(tx.manager, notificationId, parts.failure);
    await recordEvent(tx.manager, {
      notificationId,
      event: 'FAILED',
      provider: parts.provider,
      errorCode: parts.failure,
    });
    await tx.recordTimeline({
      petitionId: parts.petition_id,
      type: 'notification.failed',
      visibleToPetitioner: false,
      data: {
        channel: parts.channel,
        template: parts.template,
        recipientKind: parts.recipient_kind,
        errorCode: parts.failure,
      },
    });
  } else if (parts.delivered === parts.total) {
    await settleDelivered(tx.manager, notificationId, parts.reported_at);
    await recordEvent(tx.manager, {
      notificationId,
      event: 'DELIVERED',
      provider: parts.provider,
    });
  }
}

/**
 * Delivery receipts, from SMPP deliver_sm and the cloud providers' callbacks: each is stored
 * first (so one that comes before its send is recorded waits for it), then applied. A receipt
 * repeated by the provider is ignored.
 */
@Injectable()
export class DeliveryReceiptsService implements OnModuleInit {
  private readonly logger = new Logger('DeliveryReceipts');

  constructor(
    private readonly transactions: Transactions,
    private readonly channels: DeliveryChannelsService,
  ) {}

  onModuleInit() {
    this.channels.onReceipt((receipt) => this.record([receipt]));
  }

  async record(receipts: DeliveryReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    await this.transactions.run(async (tx) => {
      await storeReceipts(tx.manager, receipts);
      // A provider that echoes our id (Alibaba Cloud's out_id) names a message whose send was
      // never recorded (notify died while the provider had it): the receipt settles it.
      await adoptHintedMessages(tx.manager, receipts);
      for (const [provider, messageIds] of groupByProvider(receipts)) {
        await applyReceipts(tx, { provider, messageIds });
      }
    });
  }

  /** Receipts that came before their send was recorded; old unknown ones are dropped. */
  async applyWaiting(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const dropped = await dropUnmatchedReceipts(tx.manager, KEEP_UNMATCHED_DAYS);
      if (dropped > 0) {
        this.logger.warn(`${dropped} delivery receipts matched no message and were dropped`);
      }
      return applyReceipts(tx);
    });
  }
}

function groupByProvider(receipts: DeliveryReceipt[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const receipt of receipts) {
    groups.set(receipt.provider, [...(groups.get(receipt.provider) ?? []), receipt.messageId]);
  }
  return groups;
}
