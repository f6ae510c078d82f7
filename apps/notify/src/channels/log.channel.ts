import { Logger } from '@nestjs/common';
import type { Channel, Delivered, OutgoingMessage } from './channel.js';
import { ConcatenatedSms } from './concatenated-sms.js';

/**
 * Writes a delivery to the service log instead of sending it: units without a mailbox or phone,
 * and SMS or email where no provider is configured (development, demo). Only ids are written,
 * never the address or the text.
 */
export class LogChannel implements Channel {
  readonly provider = 'log';
  private readonly logger = new Logger('notification');

  constructor(private readonly medium: 'log' | 'sms' | 'email') {}

  send(_to: string, message: OutgoingMessage): Promise<Delivered> {
    this.logger.log({
      msg: `${this.medium === 'log' ? 'notice' : this.medium} written to the log`,
      notificationId: message.notificationId,
      template: message.template,
      ...(this.medium === 'sms' && { parts: new ConcatenatedSms(message.text).parts.length }),
    });
    return Promise.resolve({ providerMessageId: null, partIds: [] });
  }
}
