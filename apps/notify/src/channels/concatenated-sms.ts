/** data_coding of UCS-2 (UTF-16BE) text, which every handset reads for Chinese. */
export const UCS2 = 0x08;
/** esm_class bit saying the short message starts with a user data header. */
export const UDHI = 0x40;

const SINGLE_MAX = 70;
const PART_MAX = 67;
const MAX_PARTS = 255;

/**
 * A text as SMS short messages in UCS-2: one of up to 70 characters, or up to 255 parts of 67,
 * each starting with a concatenation header (UDH: length 05, IEI 00, IE length 03, 8-bit
 * reference, total, sequence) that the handset uses to join them. The smpp package sends bodies
 * as given and does not split, so this does.
 */
export class ConcatenatedSms {
  /** The text of each part, split on UTF-16 code units, never inside a surrogate pair. */
  readonly parts: string[];

  constructor(readonly text: string) {
    if (text.length === 0) throw new RangeError('an SMS needs text');
    this.parts = text.length <= SINGLE_MAX ? [text] : split(text, PART_MAX);
    if (this.parts.length > MAX_PARTS) throw new RangeError('text too long for one SMS');
  }

  get concatenated(): boolean {
    return this.parts.length > 1;
  }

  /** The short_message of each part; `reference` (0-255) ties the parts of one text together. */
  shortMessages(reference: number): Buffer[] {
    if (!this.concatenated) return [ucs2(this.text)];
    const total = this.parts.length;
    return this.parts.map((part, index) =>
      Buffer.concat([
        Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, index + 1]),
        ucs2(part),
      ]),
    );
  }
}

function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

function split(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + size, text.length);
    // A high surrogate at the cut would leave half a character in each part.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}
