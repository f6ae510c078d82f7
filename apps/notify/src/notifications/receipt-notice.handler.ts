import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { sendReceipts } from './receipt-notices.js';

/** A new petition: its petitioners get the receipt by SMS. */
@Injectable()
export class ReceiptNoticeHandler {
  @OnJob('petition.received')
  async onReceived({ petitionId }: JobPayload<'petition.received'>, tx: Tx) {
    await sendReceipts(tx, petitionId);
  }
}
