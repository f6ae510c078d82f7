import { Logger } from '@nestjs/common';
import smpp from 'smpp';
import type { Channel, Delivered, OutgoingMessage, ReceiptSink } from './channel.js';
import { DeliveryError } from './channel.js';
import { ConcatenatedSms, UCS2, UDHI } from './concatenated-sms.js';
import { smppReceipt } from './smpp-receipts.js';

export interface SmppSettings {
  /** smpp://host:2775 (ssmpp:// for TLS). */
  url: string;
  systemId: string;
  password: string;
  sourceAddr?: string | undefined;
  enquireLinkMs: number;
  /** Limit for a bind and for each submit_sm response. */
  timeoutMs: number;
  /** submit_sm requests awaiting their response at once (the window); 1 by default. */
  window?: number;
}

const STATUS_NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
/** Statuses that another attempt cannot change: the number or the message itself is refused. */
const PERMANENT = new Set(['ESME_RINVDSTADR', 'ESME_RINVDSTTON', 'ESME_RINVDSTNPI']);
/** registered_delivery: an SMSC delivery receipt on final delivery or failure. */
const RECEIPT_ON_FINAL = 0x01;

const statusName = (status: number) =>
  STATUS_NAMES.get(status) ?? `SMPP_0x${status.toString(16).padStart(8, '0')}`;

/** A bound session and what waits on it, so a lost link fails its pending submissions at once. */
interface Link {
  session: smpp.Session;
  pending: Set<(error: DeliveryError) => void>;
  timer?: NodeJS.Timeout;
}

/** Lets at most `size` requests be outstanding; the others wait their turn in order. */
class Window {
  private open: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.open = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.open > 0) this.open--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.open++;
    }
  }
}

/**
 * SMS through an SMSC as an SMPP 3.4 ESME: one bound transceiver session, kept open and checked
 * with enquire_link, bound again on the next message after it is lost. Texts go in UCS-2,
 * split into concatenated parts when longer than one SMS; each part asks for a delivery receipt,
 * which comes back as a deliver_sm on the same session. Several submissions may await their
 * responses at once, up to the window.
 */
export class SmppSmsProvider implements Channel {
  readonly provider = 'smpp';
  private readonly logger = new Logger('smpp');
  /** The session being bound or bound; cleared when it is lost, so the next send binds anew. */
  private link?: Promise<Link>;
  private boundLink?: Link;
  private reference = Math.floor(Math.random() * 256);
  private readonly window: Window;
  private receipts?: ReceiptSink;

  constructor(private readonly settings: SmppSettings) {
    this.window = new Window(settings.window ?? 1);
  }

  onReceipt(sink: ReceiptSink) {
    this.receipts = sink;
  }

  async send(to: string, message: OutgoingMessage): Promise<Delivered> {
    const sms = new ConcatenatedSms(message.text);
    const reference = (this.reference = (this.reference + 1) & 0xff);
    const link = await this.bound();
    const ids: string[] = [];
    for (const shortMessage of sms.shortMessages(reference)) {
      let response: smpp.PDU;
      try {
        response = await this.window.run(() =>
          this.request(link, (callback) =>
            link.session.submit_sm(
              {
                source_addr: this.settings.sourceAddr ?? '',
                destination_addr: to,
                dest_addr_npi: 1, // ISDN (E.164) numbering
                esm_class: sms.concatenated ? UDHI : 0,
                data_coding: UCS2,
                registered_delivery: RECEIPT_ON_FINAL,
                short_message: shortMessage,
              },
              callback,
            ),
          ),
        );
      } catch (error) {
        throw ids.length > 0 ? afterParts(error) : error;
      }
      if (response.command_status !== 0) {
        const code = statusName(response.command_status);
        // Parts already accepted would go out again with a retry: the handset would show them twice.
        throw new DeliveryError(code, ids.length === 0 && !PERMANENT.has(code));
      }
      ids.push(response.message_id ?? '');
    }
    return { providerMessageId: ids.join(','), partIds: ids };
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

  /** Nothing is handed over before the bind succeeds, so its failures are an outage. */
  private bind(): Promise<Link> {
    return new Promise((resolve, reject) => {
      const session = smpp.connect({ url: this.settings.url }, () => {
        session.bind_transceiver(
          { system_id: this.settings.systemId, password: this.settings.password },
          (response) => {
            if (response.command_status !== 0) {
              fail(`SMPP_BIND_${statusName(response.command_status)}`);
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
      const fail = (code: string) => {
        clearTimeout(timeout);
        session.destroy();
        reject(new DeliveryError(code, true, 'UNREACHABLE'));
      };
      const timeout = setTimeout(() => {
        fail('SMPP_BIND_TIMEOUT');
      }, this.settings.timeoutMs);
      session.on('error', (error: Error) => {
        this.logger.warn(`SMPP connection error: ${error.message}`);
        fail('SMPP_CONNECTION_ERROR');
      });
      session.on('close', () => {
        this.lost(link);
        fail('SMPP_CONNECTION_LOST');
      });
      this.answerSmsc(session);
    });
  }

  /** The SMSC may check the link, send receipts or unbind: answer as SMPP requires. */
  private answerSmsc(session: smpp.Session) {
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('deliver_sm', (pdu: smpp.PDU) => {
      this.onDeliverSm(session, pdu);
    });
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
  }

  /**
   * A receipt is answered once it is stored; until then (or when it cannot be) the SMSC gets a
   * temporary error and sends it again later. Messages from handsets are not ours to keep.
   */
  private onDeliverSm(session: smpp.Session, pdu: smpp.PDU) {
    const receipt = smppReceipt(pdu);
    if (!receipt) {
      session.send(pdu.response());
      return;
    }
    const retryLater = () =>
      session.send(pdu.response({ command_status: smpp.errors.ESME_RX_T_APPN }));
    if (!this.receipts) {
      retryLater();
      return;
    }
    this.receipts({ provider: this.provider, ...receipt }).then(
      () => session.send(pdu.response()),
      (error: unknown) => {
        this.logger.warn(`delivery receipt not stored, the SMSC will resend it: ${String(error)}`);
        retryLater();
      },
    );
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
    // The SMSC had these submissions and never answered: they may have gone out.
    for (const reject of link.pending) {
      reject(new DeliveryError('SMPP_CONNECTION_LOST', false, 'UNCERTAIN'));
    }
    link.pending.clear();
  }

  /**
   * One request and its response. A request that could not be written fails as an outage; one
   * written whose response never comes (timeout, the link drops) is UNCERTAIN.
   */
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
        settle(new DeliveryError('SMPP_TIMEOUT', false, 'UNCERTAIN'));
      }, this.settings.timeoutMs);
      link.pending.add(fail);
      if (
        !send((response) => {
          settle(undefined, response);
        })
      ) {
        settle(new DeliveryError('SMPP_CONNECTION_LOST', true, 'UNREACHABLE'));
      }
    });
  }
}

/**
 * A failure after some parts were accepted: the handset has the beginning of the text, and a
 * retry would send those parts again, so it is final.
 */
function afterParts(error: unknown): unknown {
  if (!(error instanceof DeliveryError) || error.kind === 'UNCERTAIN') return error;
  return new DeliveryError(error.code, false, 'REFUSED');
}
