import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection, { type SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection';
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

/** Where a send stood when it failed: before the server could have taken the message, or not. */
type Stage = 'connecting' | 'sending';

/**
 * Email to units' duty mailboxes over SMTP, one connection per message (nodemailer's
 * SMTPConnection). Not nodemailer's pooled transport: the pool sends a message again by itself
 * when a connection closes mid-send, which could deliver it twice, and its errors do not say
 * whether the server could already have taken the message. Here a failure while connecting or
 * logging in is known to have handed nothing over, so it is tried again; a failure after that
 * with no reply from the server is uncertain. Unit notices are few: a connection each is cheap.
 */
export class EmailChannel implements Channel {
  readonly provider = 'smtp';
  private readonly connection: SMTPConnectionOptions;
  private readonly auth: { user: string; pass: string } | undefined;

  constructor(private readonly settings: EmailSettings) {
    const url = new URL(settings.url);
    const secure = url.protocol === 'smtps:';
    this.connection = {
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    };
    this.auth = url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined;
  }

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    const mail = new MailComposer({
      from: this.settings.from,
      to,
      subject: message.subject,
      text: message.text,
      headers: { 'X-Xinfang-Notification': message.notificationId },
    }).compile();
    const raw = await mail.build();
    const envelope = mail.getEnvelope();
    await new Promise<void>((resolve, reject) => {
      const smtp = new SMTPConnection(this.connection);
      let stage: Stage = 'connecting';
      let settled = false;
      const finish = (error?: SmtpFailure) => {
        if (settled) return;
        settled = true;
        if (error) {
          smtp.close();
          reject(deliveryError(error, stage));
        } else {
          smtp.quit();
          resolve();
        }
      };
      // `on`, not `once`: an error after the end must not go unheard and crash the process.
      smtp.on('error', finish);
      // Closed without an error: before the greeting, or with the message unanswered.
      smtp.on('end', () => {
        finish({ code: 'ECONNECTION' });
      });
      const transfer = () => {
        stage = 'sending';
        smtp.send(envelope, raw, (error) => {
          finish(error ?? undefined);
        });
      };
      smtp.connect((error) => {
        if (error) {
          finish(error);
        } else if (!this.auth || !smtp.allowsAuth) {
          transfer();
        } else {
          smtp.login(this.auth, (loginError) => {
            if (loginError) finish(loginError);
            else transfer();
          });
        }
      });
    });
    // SMTP has no receipts the way SMS has: the server taking the message is the last word.
    return { providerMessageId: mail.messageId(), partIds: [] };
  }
}

function deliveryError({ code, responseCode }: SmtpFailure, stage: Stage): DeliveryError {
  // The server answered: 5xx is final (unknown mailbox, refused), 4xx passes.
  if (responseCode !== undefined)
    return new DeliveryError(`SMTP_${responseCode}`, responseCode < 500);
  const name = code ? `SMTP_${code}` : 'SMTP_ERROR';
  // Nothing was handed over before the server greeted us and took the login.
  if (stage === 'connecting') return new DeliveryError(name, true, 'UNREACHABLE');
  return new DeliveryError(name, false, 'UNCERTAIN');
}
