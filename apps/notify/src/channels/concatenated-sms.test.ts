import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConcatenatedSms } from './concatenated-sms.js';

/** Reads parts the way a handset does: header fields by position, UTF-16BE after the header. */
function parse(part: Buffer) {
  const headerLength = part[0] ?? 0;
  const body = Buffer.from(part.subarray(headerLength + 1)).swap16();
  return {
    header: [...part.subarray(1, headerLength + 1)],
    text: body.toString('utf16le'),
  };
}

describe('concatenated UCS-2 SMS', () => {
  it('sends up to 70 characters as one plain UCS-2 message', () => {
    const text = '您'.repeat(70);
    const sms = new ConcatenatedSms(text);
    assert.equal(sms.concatenated, false);
    const [only, ...rest] = sms.shortMessages(7);
    assert.ok(only);
    assert.equal(rest.length, 0);
    assert.equal(only.length, 140);
    assert.deepEqual([...only.subarray(0, 2)], [0x60, 0xa8], '您 is U+60A8, big-endian');
    assert.equal(Buffer.from(only).swap16().toString('utf16le'), text);
  });

  it('splits 71 characters into two parts of 67 and 4 with one reference', () => {
    const text = `${'信'.repeat(67)}访事项A`;
    const parts = new ConcatenatedSms(text).shortMessages(0x2a);
    assert.equal(parts.length, 2);
    const [first, second] = parts.map(parse);
    assert.deepEqual(first?.header, [0x00, 0x03, 0x2a, 2, 1]);
    assert.deepEqual(second?.header, [0x00, 0x03, 0x2a, 2, 2]);
    assert.equal(parse(parts[0] ?? Buffer.alloc(1)).text.length, 67);
    assert.equal(parts[0]?.length, 6 + 134, 'UDH of 6 octets and 67 UCS-2 characters');
    assert.equal(parts.map((p) => parse(p).text).join(''), text);
  });

  it('keeps every part within 140 octets and the reference to 8 bits', () => {
    const text = '依法按程序办理信访事项，'.repeat(30);
    const parts = new ConcatenatedSms(text).shortMessages(300);
    assert.equal(parts.length, Math.ceil(text.length / 67));
    for (const part of parts) {
      assert.ok(part.length <= 140);
      assert.equal(part[3], 300 & 0xff);
    }
    assert.equal(parts.map((p) => parse(p).text).join(''), text);
  });

  it('never cuts a character outside the BMP in half', () => {
    const text = `${'字'.repeat(66)}𠀀${'字'.repeat(10)}`;
    const sms = new ConcatenatedSms(text);
    assert.equal(sms.parts[0]?.length, 66);
    assert.ok(sms.parts[1]?.startsWith('𠀀'));
    assert.equal(sms.parts.join(''), text);
  });

  it('refuses an empty text and one longer than 255 parts', () => {
    assert.throws(() => new ConcatenatedSms(''), RangeError);
    assert.throws(() => new ConcatenatedSms('字'.repeat(67 * 255 + 1)), RangeError);
  });
});
