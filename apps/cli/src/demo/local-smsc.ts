import type { AddressInfo } from 'node:net';
import smpp from 'smpp';

/** One submit_sm as the SMSC received it, decoded by the smpp package. */
export interface SubmittedSm {
  destination: string;
  source: string;
  dataCoding: number;
  esmClass: number;
  /** Concatenation header fields, when the part has one: reference, total, sequence. */
  concatenation: { reference: number; total: number; sequence: number } | null;
  text: string;
  registeredDelivery: number;
  /** The id the SMSC gave it; null when it refused it or has not answered. */
  messageId: string | null;
}

/** Final states an SMSC reports in a delivery receipt (SMPP 3.4 Appendix B). */
export type ReceiptStat = 'DELIVRD' | 'UNDELIV' | 'EXPIRED' | 'REJECTD';
const MESSAGE_STATES: Record<ReceiptStat, number> = {
  DELIVRD: 2,
  EXPIRED: 3,
  UNDELIV: 5,
  REJECTD: 8,
};

/** A whole SMS as a handset shows it: its parts joined by reference, in sequence. */
export interface ReceivedSms {
  destination: string;
  text: string;
  parts: number;
}

/**
 * A local SMSC (the smpp package in server mode), the demo's SMS centre and the tests': accepts
 * bind_transceiver with the expected credentials, answers enquire_link, records each submit_sm
 * and answers it with a message id, joins the parts of a long message and hands each whole
 * message to `onMessage`. When `receipts` says so it sends a delivery receipt (deliver_sm) for
 * each part it accepted, as carriers do.
 */
export class LocalSmsc {
  readonly submitted: SubmittedSm[] = [];
  readonly binds: { systemId: string; password: string }[] = [];
  /** The command_status of our deliver_sm_resp to each receipt sent. */
  readonly receiptAnswers: number[] = [];
  enquireLinks = 0;
  receipts: ((sm: SubmittedSm) => ReceiptStat | null) | null = null;
  private readonly whole: ReceivedSms[] = [];
  /** Parts of long messages still waiting for the others, by destination and reference. */
  private readonly partial = new Map<string, SubmittedSm[]>();
  private readonly server = smpp.createServer((session) => {
    this.serve(session);
  });
  private nextId = 1;

  constructor(
    private readonly systemId = 'xinfang',
    private readonly password = 'secret',
    private readonly onMessage: (sms: ReceivedSms) => void = () => undefined,
  ) {}

  get url(): string {
    return `smpp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The settings that make notify send its SMS here. */
  serviceSettings(): Record<string, string> {
    return {
      SMS_PROVIDER: 'smpp',
      SMPP_URL: this.url,
      SMPP_SYSTEM_ID: this.systemId,
      SMPP_PASSWORD: this.password,
    };
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.dropSessions();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  /** Cuts every bound ESME off, as a network failure would. */
  dropSessions() {
    for (const session of [...this.server.sessions]) session.destroy();
  }

  /** Whole messages the SMSC took, in the order they were completed; incomplete ones left out. */
  messages(): ReceivedSms[] {
    return [...this.whole];
  }

  /** Sends a delivery receipt for a message id, both as TLVs and as the usual receipt text. */
  sendReceipt(session: smpp.Session, sm: SubmittedSm, stat: ReceiptStat) {
    const id = sm.messageId ?? '';
    session.deliver_sm(
      {
        source_addr: sm.destination,
        destination_addr: sm.source,
        esm_class: 0x04,
        short_message:
          `id:${id} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} ` +
          `submit date:2611221200 done date:2611221201 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`,
        receipted_message_id: id,
        message_state: MESSAGE_STATES[stat],
      },
      (response) => {
        this.receiptAnswers.push(response.command_status);
      },
    );
  }

  /** A submission came in: this SMSC takes it at once (a test's may hold or refuse it). */
  protected received(session: smpp.Session, pdu: smpp.PDU, sm: SubmittedSm) {
    this.accept(session, pdu, sm);
  }

  /** Gives the submission a message id, receipts it if asked, and joins it to its message. */
  protected accept(session: smpp.Session, pdu: smpp.PDU, sm: SubmittedSm) {
    sm.messageId = `SMSC-${this.nextId++}`;
    session.send(pdu.response({ message_id: sm.messageId }));
    const stat = this.receipts?.(sm);
    if (stat) this.sendReceipt(session, sm, stat);
    this.join(sm);
  }

  private join(part: SubmittedSm) {
    if (!part.concatenation) {
      this.deliver({ destination: part.destination, text: part.text, parts: 1 });
      return;
    }
    const key = `${part.destination}/${part.concatenation.reference}`;
    const group = this.partial.get(key) ?? [];
    group.push(part);
    this.partial.set(key, group);
    if (group.length === part.concatenation.total) {
      group.sort((a, b) => (a.concatenation?.sequence ?? 0) - (b.concatenation?.sequence ?? 0));
      this.partial.delete(key);
      this.deliver({
        destination: part.destination,
        text: group.map((p) => p.text).join(''),
        parts: group.length,
      });
    }
  }

  private deliver(sms: ReceivedSms) {
    this.whole.push(sms);
    this.onMessage(sms);
  }

  private serve(session: smpp.Session) {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      this.binds.push({ systemId: pdu.system_id ?? '', password: pdu.password ?? '' });
      const ok = pdu.system_id === this.systemId && pdu.password === this.password;
      session.send(pdu.response({ command_status: ok ? 0 : smpp.errors.ESME_RBINDFAIL }));
    });
    session.on('enquire_link', (pdu: smpp.PDU) => {
      this.enquireLinks++;
      session.send(pdu.response());
    });
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      const header = pdu.short_message?.udh?.find((element) => element[0] === 0x00);
      const message = pdu.short_message?.message;
      const sm: SubmittedSm = {
        destination: pdu.destination_addr ?? '',
        source: pdu.source_addr ?? '',
        dataCoding: pdu.data_coding ?? -1,
        esmClass: pdu.esm_class ?? -1,
        concatenation: header
          ? { reference: header[2] ?? -1, total: header[3] ?? -1, sequence: header[4] ?? -1 }
          : null,
        text: typeof message === 'string' ? message : '',
        registeredDelivery: pdu.registered_delivery ?? 0,
        messageId: null,
      };
      this.submitted.push(sm);
      this.received(session, pdu, sm);
    });
  }
}
