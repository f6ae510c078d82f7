import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scratchSchema } from '../../../../tests/support/scratch-database.js';
import type { DataSource } from 'typeorm';
import { CreateCalendar1764100000000 } from '../database/migrations/1764100000000-create-calendar.js';
import { ADMIN_SOURCE, importHolidays, readPackageCalendar } from './calendar-import.js';
import { dueDate } from './deadline-calendar.js';
import { WorkCalendar } from './work-calendar.js';

interface DayRow {
  day: string;
  kind: string;
  name: string;
  source: string;
}

describe('holiday import', () => {
  let scratch: Awaited<ReturnType<typeof scratchSchema>>;
  let dataSource: DataSource;
  const dayRow = async (day: string) => {
    const rows = await dataSource.query<DayRow[]>(
      `SELECT day::text AS day, kind, name, source FROM notify.calendar_day WHERE day = $1`,
      [day],
    );
    return rows[0];
  };

  before(async () => {
    scratch = await scratchSchema('notify', new CreateCalendar1764100000000());
    dataSource = scratch.dataSource;
  });

  after(async () => {
    await scratch.dispose();
  });

  it('loads every covered year, and a second run writes nothing', async () => {
    const { source, days } = await readPackageCalendar();
    const first = await importHolidays(dataSource.manager);
    assert.equal(first.years[0], 2004);
    assert.equal(first.years.at(-1), 2026);
    assert.equal(first.days, days.length);

    const [coverage] = await dataSource.query<[{ years: number; source: string }]>(
      `SELECT count(*)::int AS years, min(source) AS source FROM notify.calendar_coverage`,
    );
    assert.deepEqual(coverage, { years: first.years.length, source });

    const second = await importHolidays(dataSource.manager);
    assert.deepEqual(second, { years: first.years, days: 0 });
  });

  it('has a known holiday and a known make-up working day', async () => {
    const { source } = await readPackageCalendar();
    assert.deepEqual(await dayRow('2026-02-17'), {
      day: '2026-02-17',
      kind: 'HOLIDAY',
      name: '春节',
      source,
    });
    assert.deepEqual(await dayRow('2026-02-28'), {
      day: '2026-02-28',
      kind: 'WORKDAY',
      name: '春节',
      source,
    });
    assert.equal(await dayRow('2026-03-02'), undefined);
  });

  it('never overwrites what an administrator entered', async () => {
    // A correction to an imported day, and next year's schedule.
    await dataSource.query(
      `UPDATE notify.calendar_day SET kind = 'HOLIDAY', name = '调整', source = $1
       WHERE day = '2026-02-28'`,
      [ADMIN_SOURCE],
    );
    await dataSource.query(
      `INSERT INTO notify.calendar_day (day, kind, name, source)
       VALUES ('2027-01-01', 'HOLIDAY', '元旦', $1)`,
      [ADMIN_SOURCE],
    );
    await dataSource.query(
      `INSERT INTO notify.calendar_coverage (year, source) VALUES (2027, $1)`,
      [ADMIN_SOURCE],
    );

    const again = await importHolidays(dataSource.manager);
    assert.equal(again.days, 0);
    assert.deepEqual(await dayRow('2026-02-28'), {
      day: '2026-02-28',
      kind: 'HOLIDAY',
      name: '调整',
      source: ADMIN_SOURCE,
    });
    assert.equal((await dayRow('2027-01-01'))?.source, ADMIN_SOURCE);

    // The loaded calendar sees both, with China dates unshifted by the driver.
    const calendar = await WorkCalendar.load(dataSource.manager);
    assert.equal(calendar.isWorkingDay('2026-02-14'), true);
    assert.equal(calendar.isWorkingDay('2026-02-28'), false);
    assert.equal(calendar.isWorkingDay('2027-01-01'), false);
    assert.ok(calendar.covers('2027-06-01'));
    assert.deepEqual(dueDate(calendar, '2026-12-17', 15, 'CALENDAR_DAYS'), {
      dueDay: '2027-01-04',
      shifted: true,
      provisional: false,
    });
  });

  it('drops the tables again', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new CreateCalendar1764100000000().down(runner);
    } finally {
      await runner.release();
    }
    const [row] = await dataSource.query<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'notify'`,
    );
    assert.equal(row.count, 0);
  });
});
