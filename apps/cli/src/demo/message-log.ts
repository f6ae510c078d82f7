import { appendFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { chinaIsoTime, maskPhone } from '#common';

/** One SMS or email as the demo's SMS centre or mailbox received it, with its whole text. */
export interface DemoMessage {
  at: string;
  channel: 'sms' | 'email';
  to: string[];
  /** An email's subject. */
  subject?: string;
  text: string;
}

/**
 * The messages the demo sent, one JSON line each (`messages.jsonl` in DEMO_DIR): the demo's
 * handsets and duty mailboxes, read by `messages:tail`. Readable by its owner only: an SMS may
 * carry a query code.
 */
export class MessageLog {
  readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'messages.jsonl');
  }

  append(message: DemoMessage): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    appendFileSync(this.file, `${JSON.stringify(message)}\n`, { mode: 0o600 });
  }

  /** The messages written from byte `offset` on, and the offset after the last whole line. */
  async readFrom(offset: number): Promise<{ messages: DemoMessage[]; offset: number }> {
    // Nothing sent yet: no file.
    const bytes = await readFile(this.file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end <= offset) return { messages: [], offset };
    const lines = bytes.subarray(offset, end).toString('utf8').split('\n').filter(Boolean);
    return { messages: lines.map((line) => JSON.parse(line) as DemoMessage), offset: end };
  }
}

/**
 * A message as the operator reads it: when (China time), how, to whom, then its text in full.
 * Phone numbers are masked (132****7583); email goes to units' duty mailboxes, shown as they are.
 */
export function describeMessage(message: DemoMessage): string {
  const to = message.channel === 'sms' ? message.to.map(maskPhone) : message.to;
  const head = [
    chinaIsoTime(new Date(message.at)),
    message.channel.toUpperCase().padEnd(5),
    to.join(', '),
  ];
  if (message.subject) head.push(message.subject);
  return `${head.join('  ')}\n  ${message.text.replaceAll('\n', '\n  ')}`;
}
