import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { addCalendarDays, calendarDayNumber, chinaDateOf, endOfChinaDay } from '#common';
import { calendarLoad } from '../apps/cli/src/commands/calendar-load.js';
import { eventually, eventuallyFound } from './support/eventually.js';
import { login, registerHousingLetter, request } from './support/http.js';
import { withSystem } from './support/system.js';

const METRICS_TOKEN = 'metrics-scraper-token-calendar-0123';

interface CalendarAnswer {
  year: number;
  official: boolean;
  source: string;
  title: string | null;
  label?: { zh: string; en: string };
  days: { date: string; kind: 'HOLIDAY' | 'WORKDAY'; name: string }[];
}

interface DeadlineRow {
  id: string;
  petition_id: string;
  due_at: Date;
  provisional: boolean;
  next_alert_at: Date;
}

interface StaffCase {
  deadlines: { kind: string; provisional: boolean; provisionalNote?: { zh: string } }[];
  timeline: { type: string; data: Record<string, unknown> }[];
}

const isWeekend = (day: string) => [0, 6].includes((((calendarDayNumber(day) + 4) % 7) + 7) % 7);

describe('loading a year’s holiday notice', { timeout: 240_000 }, () => {
  const sut = withSystem({ demo: true, settings: () => ({ METRICS_TOKEN }) });
  const tokens: Record<string, string> = {};
  let caseNo: string;
  let before_: DeadlineRow;

  const calendarOf = (year: number, token = tokens.handler) =>
    request<CalendarAnswer>('GET', `${sut.system.notify.url}/api/v1/calendar/${year}`, { token });
  const loadNotice = (year: number, body: unknown, token = tokens.admin) =>
    request<{
      moved: { caseNo: string; to: string }[];
      errors?: { field: string; code: string; messages: { zh: string; en: string } }[];
    }>('PUT', `${sut.system.notify.url}/api/v1/calendar/${year}`, { token, body });
  const conclusion = async () =>
    (
      await sut.env.db.query<DeadlineRow>(
        `SELECT id, petition_id, due_at, provisional, next_alert_at FROM notify.deadline
         WHERE case_no = $1 AND kind = 'CONCLUSION'`,
        [caseNo],
      )
    ).rows[0];
  const gauge = async () => {
    const response = await fetch(`${sut.system.notify.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const match = /^xinfang_calendar_next_year_loaded (\d)$/m.exec(await response.text());
    assert.ok(match, 'the gauge is exported');
    return Number(match[1]);
  };
  const staffView = async () =>
    (
      await request<StaffCase>('GET', `${sut.system.intake.url}/api/v1/petitions/${caseNo}`, {
        token: tokens.supervisor,
      })
    ).body;

  before(async () => {
    tokens.admin = await login(sut.system.routing.url, 'admin');
    tokens.registrar = await login(sut.system.routing.url, 'suining.registrar');
    tokens.supervisor = await login(sut.system.routing.url, 'suining.supervisor');
    tokens.handler = await login(sut.system.routing.url, 'chuanshan.housing');

    // A housing letter in 船山区, accepted by the county housing bureau: 60 days to conclude,
    // which end in a year no notice is loaded for (chinese-days stops at 2026).
    caseNo = (await registerHousingLetter(sut.system.intake.url, tokens.registrar)).caseNo;
    await eventuallyFound(
      sut.env.db,
      `SELECT 1 FROM notify.deadline WHERE case_no = $1 AND unit_code = '510903-ZJJ'`,
      [caseNo],
      'the acceptance clock',
    );
    const accepted = await request(
      'POST',
      `${sut.system.routing.url}/api/v1/workbench/cases/${caseNo}/accept`,
      { token: tokens.handler, body: {} },
    );
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    before_ = await eventually(conclusion, 'the conclusion clock');
  });

  it('counts a deadline in an unloaded year on the statutory holidays and says so', async () => {
    assert.equal(before_.provisional, true);
    const year = Number(chinaDateOf(before_.due_at).slice(0, 4));
    const provisional = await calendarOf(year);
    assert.equal(provisional.status, 200);
    assert.equal(provisional.body.official, false);
    assert.equal(provisional.body.label?.zh, '暂按法定节假日计算');
    assert.ok(provisional.body.days.some((d) => d.name === '春节'));
    // The last day is a working day of the provisional calendar.
    const dueDay = chinaDateOf(before_.due_at);
    assert.ok(!isWeekend(dueDay) && !provisional.body.days.some((d) => d.date === dueDay));

    const view = await staffView();
    const shown = view.deadlines.find((d) => d.kind === 'CONCLUSION');
    assert.equal(shown?.provisional, true);
    assert.equal(shown.provisionalNote?.zh, '暂按法定节假日计算');
    const bench = await request<{
      items: { caseNo: string; deadlines: { kind: string; provisional: boolean }[] }[];
    }>('GET', `${sut.system.routing.url}/api/v1/workbench/cases`, { token: tokens.handler });
    const item = bench.body.items.find((i) => i.caseNo === caseNo);
    assert.equal(item?.deadlines.find((d) => d.kind === 'CONCLUSION')?.provisional, true);
  });

  it('refuses a bad notice as a whole, naming the fields in both languages, and non-admins', async () => {
    const year = Number(chinaDateOf(before_.due_at).slice(0, 4));
    const bad = await loadNotice(year, {
      holidays: [
        { name: '元旦', from: `${year}-01-01` },
        { name: '', from: `${year}-02-10` },
        { name: '春节', from: `${year - 1}-12-31` },
      ],
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.errors?.map((e) => [e.field, e.code]),
      [['holidays[1].name', 'NAME_REQUIRED']],
    );
    const outside = await loadNotice(year, {
      holidays: [
        { name: '元旦', from: `${year}-01-01` },
        { name: '春节', from: `${year - 1}-12-31` },
      ],
    });
    assert.equal(outside.status, 400);
    assert.deepEqual(
      outside.body.errors?.map((e) => e.field),
      ['holidays[1].from', 'holidays[1].to'],
    );
    for (const error of outside.body.errors ?? []) {
      assert.ok(error.messages.zh && error.messages.en, error.field);
    }
    const badYear = await request<{ errors: { field: string }[] }>(
      'GET',
      `${sut.system.notify.url}/api/v1/calendar/20x7`,
      { token: tokens.handler },
    );
    assert.equal(badYear.status, 400);
    assert.deepEqual(
      badYear.body.errors.map((e) => e.field),
      ['year'],
    );
    const denied = await loadNotice(
      year,
      { holidays: [{ name: '元旦', from: `${year}-01-01` }] },
      tokens.handler,
    );
    assert.equal(denied.status, 403);
    // Nothing was written.
    assert.equal((await calendarOf(year)).body.official, false);
    assert.equal((await conclusion())?.provisional, true);
  });

  it('moves the deadline when the year is loaded, with a timeline entry and new reminders', async () => {
    const dueDay = chinaDateOf(before_.due_at);
    const year = Number(dueDay.slice(0, 4));
    const nextYear = Number(chinaDateOf(new Date()).slice(0, 4)) + 1;
    if (year === nextYear) assert.equal(await gauge(), 0);

    // The year's notice: the statutory holidays, and the deadline's last day given as rest too.
    const { days } = (await calendarOf(year)).body;
    const holidays = [
      ...days.map((d) => ({ name: d.name, from: d.date })),
      { name: '补休', from: dueDay },
    ];
    const loaded = await loadNotice(year, {
      title: `国务院办公厅关于${year}年部分节假日安排的通知`,
      holidays,
    });
    assert.equal(loaded.status, 200, JSON.stringify(loaded.body));
    const rest = new Set(holidays.map((h) => h.from));
    const isWorking = (day: string) => !isWeekend(day) && !rest.has(day);
    let expected = addCalendarDays(dueDay, 1);
    while (!isWorking(expected)) expected = addCalendarDays(expected, 1);
    assert.deepEqual(
      loaded.body.moved.map((m) => [m.caseNo, m.to]),
      [[caseNo, endOfChinaDay(expected).toISOString()]],
    );

    const after_ = await conclusion();
    assert.ok(after_);
    assert.equal(after_.provisional, false);
    assert.equal(after_.due_at.toISOString(), endOfChinaDay(expected).toISOString());
    // Its first reminder (3 working days before, REMINDER_OFFSETS 3w) follows the new date.
    let reminderDay = expected;
    for (let n = 0; n < 3;) {
      reminderDay = addCalendarDays(reminderDay, -1);
      if (isWorking(reminderDay)) n++;
    }
    assert.equal(chinaDateOf(after_.next_alert_at), reminderDay);

    const view = await staffView();
    const moved = view.timeline.find((t) => t.type === 'deadline.moved');
    assert.ok(moved, 'a timeline entry');
    assert.equal(moved.data.dueAt, endOfChinaDay(expected).toISOString());
    assert.equal(moved.data.previousDueAt, before_.due_at.toISOString());
    assert.equal(view.deadlines.find((d) => d.kind === 'CONCLUSION')?.provisional, false);

    const calendar = (await calendarOf(year)).body;
    assert.equal(calendar.official, true);
    assert.equal(calendar.title, `国务院办公厅关于${year}年部分节假日安排的通知`);
    assert.ok(calendar.days.some((d) => d.date === dueDay && d.name === '补休'));

    const audit = await sut.env.db.query<{
      detail: Record<string, unknown>;
      actor_username: string;
    }>(`SELECT detail, actor_username FROM notify.audit_event WHERE action = 'calendar.load'`);
    assert.deepEqual(
      audit.rows.map((r) => [r.actor_username, r.detail.year, r.detail.moved]),
      [['admin', year, 1]],
    );

    // The gauge flips once next year is loaded.
    if (year !== nextYear) {
      assert.equal(await gauge(), 0);
      const next = (await calendarOf(nextYear)).body.days;
      const response = await loadNotice(nextYear, {
        holidays: next.map((d) => ({ name: d.name, from: d.date })),
      });
      assert.equal(response.status, 200);
    }
    assert.equal(await gauge(), 1);
  });

  it('loads data/calendar/2026.yaml from the command line, and refuses a bad file by line', async () => {
    const example = fileURLToPath(new URL('../../data/calendar/2026.yaml', import.meta.url));
    const outcome = await calendarLoad(sut.env.config, example);
    assert.ok(outcome.loaded);
    assert.equal(outcome.result.holidays, 33);
    assert.equal(outcome.result.workdays, 6);
    const calendar = (await calendarOf(2026)).body;
    assert.equal(calendar.source, 'admin');
    assert.equal(calendar.days.find((d) => d.date === '2026-02-28')?.kind, 'WORKDAY');

    const broken = join(tmpdir(), `calendar-${process.pid}.yaml`);
    await writeFile(
      broken,
      [
        'year: 2028',
        'holidays:',
        '  - name: 春节',
        '    from: 2028-01-25',
        '    workdays: [2028-01-24]',
        '',
      ].join('\n'),
    );
    const refused = await calendarLoad(sut.env.config, broken);
    assert.equal(refused.loaded, false);
    assert.ok(!refused.loaded);
    assert.equal(refused.problems.length, 1);
    assert.match(
      refused.problems[0] ?? '',
      /^line 5: holidays\[0\]\.workdays\[0\]: .*WORKDAY_NOT_WEEKEND/,
    );
    assert.equal((await calendarOf(2028)).body.official, false);
  });
});
