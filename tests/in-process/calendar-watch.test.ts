import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StaffUser } from '#common';
import {
  CalendarWatchTask,
  nextYearNoticeDue,
} from '../../apps/notify/src/calendar/calendar-watch.task.js';
import { StaffInboxService } from '../../apps/notify/src/inbox/staff-inbox.service.js';
import { withService } from '../support/service-context.js';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);
const DAY_MS = 86_400_000;

describe('the watch on next year’s holiday notice', { timeout: 120_000 }, () => {
  // Its timers off: the test runs the checks itself, at the instants it chooses.
  const notify = withService('notify', {
    demo: true,
    settings: { DEADLINE_SWEEP: 'off', OUTBOX_RELAY: 'off' },
  });
  const staffOf = async (username: string): Promise<StaffUser> => {
    const { rows } = await notify.env.db.query<{
      id: string;
      unit_code: string;
      roles: StaffUser['roles'];
    }>(`SELECT id, unit_code, roles FROM routing.staff_account WHERE username = $1`, [username]);
    const row = rows[0];
    assert.ok(row, username);
    return { id: row.id, username, unitCode: row.unit_code, roles: row.roles };
  };

  const inboxTexts = async (staff: StaffUser) =>
    (await notify.app.get(StaffInboxService).list(staff, { page: 1, pageSize: 50 })).items
      .filter((n) => n.template === 'calendar.next-year-missing')
      .map((n) => n.text);

  it('is due from 1 November (China time) while next year is not loaded, at most weekly', () => {
    assert.equal(nextYearNoticeDue(china('2027-10-31T23:59:00'), false, null), false);
    assert.equal(nextYearNoticeDue(china('2027-11-01T00:00:00'), false, null), true);
    assert.equal(nextYearNoticeDue(china('2027-12-31T12:00:00'), true, null), false);
    const sent = china('2027-11-01T10:00:00');
    assert.equal(nextYearNoticeDue(new Date(sent.getTime() + 6 * DAY_MS), false, sent), false);
    assert.equal(nextYearNoticeDue(new Date(sent.getTime() + 7 * DAY_MS), false, sent), true);
  });

  it('tells the admins in their inbox, once a week, until the year is loaded', async () => {
    const watch = notify.app.get(CalendarWatchTask);
    const admin = await staffOf('admin');
    // A supervisor of the same unit is not told: loading the calendar is an admin's job.
    const supervisor = await staffOf('suining.supervisor');
    assert.equal(supervisor.unitCode, admin.unitCode);

    assert.equal(await watch.check(china('2027-10-31T12:00:00')), 0, 'not before November');
    const first = china('2027-11-02T09:00:00');
    assert.equal(await watch.check(first), 1);
    assert.equal(await watch.check(new Date(first.getTime() + 3 * DAY_MS)), 0, 'not twice a week');
    assert.equal(await watch.check(new Date(first.getTime() + 7 * DAY_MS)), 1);

    const texts = await inboxTexts(admin);
    assert.equal(texts.length, 2);
    assert.match(texts[0] ?? '', /2028年节假日安排尚未导入/);
    assert.deepEqual(await inboxTexts(supervisor), []);

    await notify.env.db.query(
      `INSERT INTO notify.calendar_coverage (year, source) VALUES (2028, 'admin')`,
    );
    assert.equal(await watch.check(new Date(first.getTime() + 21 * DAY_MS)), 0, 'loaded');
  });
});
