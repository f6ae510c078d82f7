import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuietHours, quietUntil } from './quiet-hours.js';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);
const night = parseQuietHours('22:00-08:00');

describe('quiet hours for citizens (22:00-08:00 China time)', () => {
  const cases: [string, string | null][] = [
    ['2026-11-22T21:59:59.999', null],
    ['2026-11-22T22:00:00', '2026-11-23T08:00:00'],
    ['2026-11-22T23:59:59', '2026-11-23T08:00:00'],
    ['2026-11-23T00:00:00', '2026-11-23T08:00:00'],
    ['2026-11-23T07:59:59.999', '2026-11-23T08:00:00'],
    ['2026-11-23T08:00:00', null],
    ['2026-11-23T13:00:00', null],
  ];
  for (const [at, until] of cases) {
    it(`${at}: ${until ? `waits until ${until}` : 'sends now'}`, () => {
      assert.deepEqual(quietUntil(china(at), night), until && china(until));
    });
  }

  it('crosses the end of a month and a year in China time, not UTC', () => {
    // 22:30 on 31 December in China is still 14:30 UTC on the 31st.
    assert.deepEqual(quietUntil(china('2026-12-31T22:30:00'), night), china('2027-01-01T08:00:00'));
    assert.deepEqual(
      quietUntil(new Date('2026-12-31T14:30:00Z'), night),
      china('2027-01-01T08:00:00'),
    );
  });

  it('takes hours within one day, and can be turned off', () => {
    const noon = parseQuietHours('12:00-14:00');
    assert.deepEqual(quietUntil(china('2026-11-23T12:00:00'), noon), china('2026-11-23T14:00:00'));
    assert.equal(quietUntil(china('2026-11-23T14:00:00'), noon), null);
    assert.equal(quietUntil(china('2026-11-23T11:59:00'), noon), null);
    assert.equal(parseQuietHours('off'), null);
    assert.equal(quietUntil(china('2026-11-22T23:00:00'), null), null);
  });
});
