import { Logger } from '@nestjs/common';
import smpp from 'smpp';
import type { Channel, Delivered, OutgoingMessage } from './channel.js';
import { DeliveryError } from './channel.js';
import { ConcatenatedSms, UCS2, UDHI } from './concatenated-sms.js';

export interface SmppSettings {
  /** smpp://host:2775 (ssmpp:// for TLS). */
  url: string;
  systemId: string;
  password: string;
  sourceAddr?: string | undefined;
  enquireLinkMs: number;
  /** Limit for a bind and for each submit_sm response. */
  timeoutMs: number;
}

const STATUS_NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
/** Statuses that another attempt cannot change: the number or the message itself is refused. */
const PERMANENT = new Set(['ESME_RINVDSTADR', 'ESME_RINVDSTTON', 'ESME_RINVDSTNPI']);

const statusName = (status: number) =>
  STATUS_NAMES.get(status) ?? `SMPP_0x${status.toString(16).padStart(8, '0')}`;

/** A bound session and what waits on it, so a lost link fails its pending submissions at once. */
interface Link {
  session: smpp.Session;
  pending: Set<(error: DeliveryError) => void>;
  timer?: NodeJS.Timeout;
}

/**
 * SMS through an SMSC as an SMPP 3.4 ESME: one bound transceiver session, kept open and checked
 * with enquire_link, bound again on the next message after it is lost. Texts go in UCS-2,
 * split into concatenated parts when longer than one SMS.
 */
export class SmppSmsProvider implements Channel {
  private readonly logger = new Logger('smpp');
  /** The session being bound or bound; cleared when it is lost, so the next send binds anew. */
  private link?: Promise<Link>;
  private boundLink?: Link;
  private reference = Math.floor(Math.random() * 256);

  constructor(private readonly settings: SmppSettings) {}

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    const sms = new ConcatenatedSms(message.text);
    const reference = (this.reference = (this.reference + 1) & 0xff);
    const link = await this.bound();
    const ids: string[] = [];
    for (const shortMessage of sms.shortMessages(reference)) {
      const response = await this.request(link, (callback) =>
        link.session.submit_sm(
          {
            source_addr: this.settings.sourceAddr ?? '',
            destination_addr: to,
            dest_addr_npi: 1, // ISDN (E.164) numbering
            esm_class: sms.concatenated ? UDHI : 0,
            data_coding: UCS2,
            short_message: shortMessage,
          },
          callback,
        ),
      );
      if (response.command_status !== 0) {
        const code = statusName(response.command_status);
        throw new DeliveryError(code, !PERMANENT.has(code));
      }
      ids.push(response.message_id ?? '');
    }
    return { providerMessageId: ids.join(',') };
  }

  async close() {
    const link = await this.link?.catch(() => undefined);
    this.link = undefined;
    this.boundLink = undefined;
    if (!link) return;
    clearInterval(link.timer);
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(() => {
        link.session.destroy();
        resolve();
      }, this.settings.timeoutMs);
      link.session.unbind({}, () => {
        clearTimeout(timeout);
        link.session.close(resolve);
      });
    });
  }

  /** The bound session, binding one when there is none (at first use, or after a loss). */
  private bound(): Promise<Link> {
    this.link ??= this.bind().catch((error: unknown) => {
      this.link = undefined;
      throw error;
    });
    return this.link;
  }

  private bind(): Promise<Link> {
    return new Promise((resolve, reject) => {
      const session = smpp.connect({ url: this.settings.url }, () => {
        session.bind_transceiver(
          { system_id: this.settings.systemId, password: this.settings.password },
          (response) => {
            if (response.command_status !== 0) {
              fail(new DeliveryError(`SMPP_BIND_${statusName(response.command_status)}`, true));
              return;
            }
            clearTimeout(timeout);
            link.timer = this.keepAlive(link);
            this.boundLink = link;
            this.logger.log('SMPP session bound');
            resolve(link);
          },
        );
      });
      const link: Link = { session, pending: new Set() };
      const fail = (error: DeliveryError) => {
        clearTimeout(timeout);
        session.destroy();
        reject(error);
      };
      const timeout = setTimeout(() => {
        fail(new DeliveryError('SMPP_BIND_TIMEOUT', true));
      }, this.settings.timeoutMs);
      session.on('error', (error: Error) => {
        this.logger.warn(`SMPP connection error: ${error.message}`);
        fail(new DeliveryError('SMPP_CONNECTION_ERROR', true));
      });
      session.on('close', () => {
        this.lost(link);
        fail(new DeliveryError('SMPP_CONNECTION_LOST', true));
      });
      this.answerSmsc(session);
    });
  }

  /** The SMSC may check the link, send receipts or unbind: answer as SMPP requires. */
  private answerSmsc(session: smpp.Session) {
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('deliver_sm', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
  }

  /** enquire_link on a quiet link; no answer by the next one means the link is dead. */
  private keepAlive(link: Link): NodeJS.Timeout {
    let answered = true;
    return setInterval(() => {
      if (!answered) {
        this.logger.warn('SMPP link did not answer enquire_link; dropping it');
        link.session.destroy();
        return;
      }
      answered = false;
      link.session.enquire_link({}, () => {
        answered = true;
      });
    }, this.settings.enquireLinkMs).unref();
  }

  private lost(link: Link) {
    clearInterval(link.timer);
    if (this.boundLink === link) {
      this.boundLink = undefined;
      this.link = undefined;
    }
    for (const reject of link.pending) reject(new DeliveryError('SMPP_CONNECTION_LOST', true));
    link.pending.clear();
  }

  /** One request and its response, failed when the link drops or the SMSC takes too long. */
  private request(
    link: Link,
    send: (callback: smpp.ResponseCallback) => boolean,
  ): Promise<smpp.PDU> {
    return new Promise((resolve, reject) => {
      const settle = (error?: DeliveryError, response?: smpp.PDU) => {
        clearTimeout(timeout);
        link.pending.delete(fail);
        if (error) reject(error);
        else if (response) resolve(response);
      };
      const fail = (error: DeliveryError) => {
        settle(error);
      };
      const timeout = setTimeout(() => {
        // An SMSC that stops answering is treated as a lost link: bind anew next time.
        link.session.destroy();
        settle(new DeliveryError('SMPP_TIMEOUT', true));
      }, this.settings.timeoutMs);
      link.pending.add(fail);
      if (
        !send((response) => {
          settle(undefined, response);
        })
      ) {
        settle(new DeliveryError('SMPP_CONNECTION_LOST', true));
      }
    });
  }
}
