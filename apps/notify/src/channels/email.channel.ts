import nodemailer, { type Transporter } from 'nodemailer';
import type { Channel, Delivered, OutgoingMessage } from './channel.js';
import { DeliveryError } from './channel.js';

export interface EmailSettings {
  /** smtp://user:pass@host:587 or smtps://…:465. */
  url: string;
  from: string;
  timeoutMs: number;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
}

/** Email to units' duty mailboxes over SMTP (nodemailer, pooled connections). */
export class EmailChannel implements Channel {
  readonly provider = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.transport = nodemailer.createTransport({
      pool: true,
      url: settings.url,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
  }

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to,
        subject: message.subject,
        text: message.text,
        headers: { 'X-Xinfang-Notification': message.notificationId },
      });
      // SMTP has no receipts the way SMS has: the server taking the message is the last word.
      return { providerMessageId: info.messageId, partIds: [] };
    } catch (error) {
      const { code, responseCode } = error as SmtpFailure;
      // 5xx is the server's final answer (unknown mailbox, refused); 4xx passes.
      if (responseCode !== undefined) {
        throw new DeliveryError(`SMTP_${responseCode}`, responseCode < 500);
      }
      // No connection: nothing was handed over. A connection lost or timed out mid-message may
      // have ended after the server took it.
      if (code === 'ECONNECTION' || code === 'EDNS') {
        throw new DeliveryError(`SMTP_${code}`, true, 'UNREACHABLE');
      }
      throw new DeliveryError(code ? `SMTP_${code}` : 'SMTP_ERROR', false, 'UNCERTAIN');
    }
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}
