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
}

/** A whole SMS as a handset shows it: its parts joined by reference, in sequence. */
export interface ReceivedSms {
  destination: string;
  text: string;
  parts: number;
}

/**
 * A local SMSC (the smpp package in server mode): accepts bind_transceiver with the expected
 * credentials, answers enquire_link, records each submit_sm, and answers with a message id or,
 * while `failWith` is set, with that error status.
 */
export class TestSmsc {
  readonly submitted: SubmittedSm[] = [];
  readonly binds: { systemId: string; password: string }[] = [];
  enquireLinks = 0;
  failWith: number | null = null;
  private readonly server = smpp.createServer((session) => {
    this.serve(session);
  });
  private nextId = 1;

  constructor(
    private readonly systemId = 'xinfang',
    private readonly password = 'secret',
  ) {}

  get url(): string {
    return `smpp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
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

  /** Whole messages, reassembled from their parts; incomplete ones are left out. */
  messages(): ReceivedSms[] {
    const groups = new Map<string, SubmittedSm[]>();
    const whole: ReceivedSms[] = [];
    for (const part of this.submitted) {
      if (!part.concatenation) {
        whole.push({ destination: part.destination, text: part.text, parts: 1 });
        continue;
      }
      const key = `${part.destination}/${part.concatenation.reference}`;
      const group = groups.get(key) ?? [];
      group.push(part);
      groups.set(key, group);
      if (group.length === part.concatenation.total) {
        group.sort((a, b) => (a.concatenation?.sequence ?? 0) - (b.concatenation?.sequence ?? 0));
        whole.push({
          destination: part.destination,
          text: group.map((p) => p.text).join(''),
          parts: group.length,
        });
        groups.delete(key);
      }
    }
    return whole;
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
      this.submitted.push({
        destination: pdu.destination_addr ?? '',
        source: pdu.source_addr ?? '',
        dataCoding: pdu.data_coding ?? -1,
        esmClass: pdu.esm_class ?? -1,
        concatenation: header
          ? { reference: header[2] ?? -1, total: header[3] ?? -1, sequence: header[4] ?? -1 }
          : null,
        text: typeof message === 'string' ? message : '',
      });
      session.send(
        this.failWith === null
          ? pdu.response({ message_id: `SMSC-${this.nextId++}` })
          : pdu.response({ command_status: this.failWith }),
      );
    });
  }
}
