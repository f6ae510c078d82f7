import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { chinaDateOf, endOfChinaDay, Transactions, type StaffUser } from '#common';
import { DeadlineClockService } from '../apps/notify/src/deadlines/deadline-clock.service.js';
import { DeadlineSweepTask } from '../apps/notify/src/deadlines/deadline-sweep.task.js';
import { DutyRostersService } from '../apps/notify/src/duty/duty-rosters.service.js';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';

const DAY_MS = 86_400_000;
/** A county department, supervised by the county petition bureau (510903-XFJ). */
const UNIT = '510903-ZJJ';
const BUREAU = '510903-XFJ';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

// Two replicas of notify on one database (the config module keeps the settings of its first
// import, so the file has one environment).
let env: TestEnvironment;
let replicas: [INestApplicationContext, INestApplicationContext];

before(async () => {
  env = await createTestEnvironment({ demo: true });
  replicas = [await notifyReplica(), await notifyReplica()];
});

after(async () => {
  for (const replica of replicas) await replica.close();
  await env.dispose();
});

/**
 * A notify replica in this process, its sweep not running on its own and its outbox not relayed,
 * so a test runs passes itself and reads what each left in the outbox.
 */
async function notifyReplica(): Promise<INestApplicationContext> {
  Object.assign(process.env, env.env, { DEADLINE_SWEEP: 'off', OUTBOX_RELAY: 'off' });
  const { NotifyModule } = await import('../apps/notify/src/notify.module.js');
  return NestFactory.createApplicationContext(NotifyModule, { logger: false });
}

interface NewDeadline {
  dueAt: Date;
  kind?: string;
  status?: 'OPEN' | 'CLOSED';
  overdueAt?: Date;
  /** By default well before any reminder: the sweep then works out what is owed. */
  nextAlertAt?: Date;
  startsAt?: Date;
}

let caseSeq = 0;

/** Inserts a deadline as the case clock would have opened it; returns its row. */
async function insertDeadline(deadline: NewDeadline) {
  const row = {
    id: randomUUID(),
    petitionId: randomUUID(),
    caseNo: `XF-510903-20261122-${String(++caseSeq).padStart(6, '0')}`,
    sourceId: randomUUID(),
    kind: deadline.kind ?? 'ACCEPTANCE',
  };
  await env.db.query(
    `INSERT INTO notify.deadline
       (id, petition_id, case_no, unit_code, kind, source_id, starts_at, due_at, status,
        overdue_at, next_alert_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      row.id,
      row.petitionId,
      row.caseNo,
      UNIT,
      row.kind,
      row.sourceId,
      deadline.startsAt ?? new Date(deadline.dueAt.getTime() - 15 * DAY_MS),
      deadline.dueAt,
      deadline.status ?? 'OPEN',
      deadline.overdueAt ?? null,
      deadline.nextAlertAt ?? new Date(deadline.dueAt.getTime() - 30 * DAY_MS),
    ],
  );
  return row;
}

const count = async (sql: string, params: unknown[] = []) =>
  (await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n ??
  0;

/** Everything a pass can write, to see that a second one writes nothing. */
const totals = async () => ({
  notifications: await count('notify.notification'),
  outbox: await count('notify.outbox'),
  timeline: await count('notify.timeline_entry'),
});

const admin: StaffUser = {
  id: randomUUID(),
  username: 'admin',
  unitCode: 'ADMIN',
  roles: ['admin'],
};

describe('the deadline sweep', { timeout: 120_000 }, () => {
  const replica = () => replicas[0];
  const sweep = () => replica().get(DeadlineSweepTask);

  it('reminds 3 working days and 1 day before and on the last day, escalates once, then each morning', async () => {
    // The department's leader on duty hears of its missed deadlines.
    const { entries } = await replica()
      .get(DutyRostersService)
      .replace(admin, UNIT, { entries: [{ phone: '13800000001', locale: 'zh-CN' }] });
    assert.equal(entries.length, 1);

    const now = china('2026-11-16T10:00:00'); // a Monday
    // Thu 11-19: its 3rd working day back is today.
    const soon = await insertDeadline({ dueAt: endOfChinaDay('2026-11-19') });
    const today = await insertDeadline({ dueAt: endOfChinaDay('2026-11-16') });
    const missed = await insertDeadline({ dueAt: endOfChinaDay('2026-11-13') });
    // Thu 11-26: its first reminder is next Monday.
    await insertDeadline({ dueAt: endOfChinaDay('2026-11-26') });
    await insertDeadline({ dueAt: endOfChinaDay('2026-11-10'), status: 'CLOSED' });
    const longOverdue = await insertDeadline({
      dueAt: endOfChinaDay('2026-11-12'),
      overdueAt: china('2026-11-13T00:00:01'),
      nextAlertAt: china('2026-11-14T00:00:00'),
    });

    assert.deepEqual(await sweep().pass(now), { REMINDER: 2, OVERDUE: 1, STILL_OVERDUE: 1 });

    const { rows: notices } = await env.db.query<{
      id: string;
      petition_id: string;
      recipient_kind: string;
      recipient: string;
      channel: string;
      audience_role: string | null;
      template: string;
      variables: Record<string, string>;
    }>(
      `SELECT id, petition_id, recipient_kind, recipient, channel, audience_role, template, variables
       FROM notify.notification ORDER BY template, recipient`,
    );
    const dueAtOf = (day: string) => endOfChinaDay(day).toISOString();
    const facts = (deadline: typeof soon, day: string) => ({
      caseNo: deadline.caseNo,
      kind: 'ACCEPTANCE',
      dueAt: dueAtOf(day),
    });
    assert.deepEqual(
      notices.map((n) => [n.petition_id, n.recipient, n.template, n.variables]),
      [
        [soon.petitionId, UNIT, 'deadline.due-soon', facts(soon, '2026-11-19')],
        [today.petitionId, UNIT, 'deadline.due-today', facts(today, '2026-11-16')],
        [missed.petitionId, UNIT, 'deadline.overdue', facts(missed, '2026-11-13')],
        [
          missed.petitionId,
          BUREAU,
          'deadline.overdue-bureau',
          { ...facts(missed, '2026-11-13'), unitName: '船山区住房和城乡建设局' },
        ],
        [
          missed.petitionId,
          (
            await env.db.query<{ id: string }>(
              `SELECT id FROM notify.duty_roster_entry WHERE scope = $1`,
              [UNIT],
            )
          ).rows[0]?.id,
          'deadline.overdue-leader',
          { ...facts(missed, '2026-11-13'), unitName: '船山区住房和城乡建设局' },
        ],
        [
          longOverdue.petitionId,
          UNIT,
          'deadline.still-overdue',
          { ...facts(longOverdue, '2026-11-12'), days: '4' },
        ],
      ],
    );
    const leader = notices.find((n) => n.template === 'deadline.overdue-leader');
    assert.deepEqual(leader && [leader.recipient_kind, leader.channel], ['DUTY', 'sms']);

    // Each notice is queued for delivery, and routing is told of the missed one, in the outbox.
    const { rows: outbox } = await env.db.query<{ job_name: string; payload: object }>(
      `SELECT job_name, payload FROM notify.outbox ORDER BY job_name, payload->>'notificationId'`,
    );
    assert.deepEqual(outbox, [
      {
        job_name: 'deadline.overdue',
        payload: {
          deadlineId: missed.id,
          petitionId: missed.petitionId,
          caseNo: missed.caseNo,
          unitCode: UNIT,
          kind: 'ACCEPTANCE',
          dueAt: dueAtOf('2026-11-13'),
        },
      },
      ...notices
        .map((n) => n.id)
        .sort()
        .map((notificationId) => ({
          job_name: 'notification.dispatch',
          payload: { notificationId },
        })),
    ]);
    const { rows: timeline } = await env.db.query<{ petition_id: string; type: string }>(
      `SELECT petition_id, type FROM notify.timeline_entry`,
    );
    assert.deepEqual(timeline, [{ petition_id: missed.petitionId, type: 'deadline.overdue' }]);
    // The case is flagged overdue for statistics, in the read contract.
    const { rows: flagged } = await env.db.query<{ id: string; overdue_at: Date }>(
      `SELECT id, overdue_at FROM notify.case_deadline_v1 WHERE overdue_at IS NOT NULL ORDER BY id`,
    );
    assert.deepEqual(
      flagged.map((d) => d.id),
      [missed.id, longOverdue.id].sort(),
    );
    assert.deepEqual(flagged.find((d) => d.id === missed.id)?.overdue_at, now);

    // Nothing is owed twice.
    const before = await totals();
    assert.deepEqual(await sweep().pass(now), { REMINDER: 0, OVERDUE: 0, STILL_OVERDUE: 0 });
    assert.deepEqual(await totals(), before);

    // Tuesday: the one due Monday is escalated; the overdue ones are reminded again, once.
    const tuesday = china('2026-11-17T10:00:00');
    assert.deepEqual(await sweep().pass(tuesday), { REMINDER: 0, OVERDUE: 1, STILL_OVERDUE: 2 });
    assert.deepEqual(await sweep().pass(tuesday), { REMINDER: 0, OVERDUE: 0, STILL_OVERDUE: 0 });
    // Wednesday: the day before the Thursday deadline.
    assert.deepEqual(await sweep().pass(china('2026-11-18T10:00:00')), {
      REMINDER: 1,
      OVERDUE: 0,
      STILL_OVERDUE: 3,
    });
    // The missed one is done at last: no reminder for it ever again.
    await env.db.query(`UPDATE notify.deadline SET status = 'CLOSED' WHERE id = $1`, [missed.id]);
    assert.deepEqual(await sweep().pass(china('2026-11-19T10:00:00')), {
      REMINDER: 1,
      OVERDUE: 0,
      STILL_OVERDUE: 2,
    });
    const templatesOf = async (deadline: typeof soon) =>
      (
        await env.db.query<{ template: string }>(
          `SELECT template FROM notify.notification WHERE petition_id = $1 AND recipient = $2
           ORDER BY created_at`,
          [deadline.petitionId, UNIT],
        )
      ).rows.map((r) => r.template);
    assert.deepEqual(await templatesOf(soon), [
      'deadline.due-soon',
      'deadline.due-soon',
      'deadline.due-today',
    ]);
    assert.deepEqual(await templatesOf(missed), [
      'deadline.overdue',
      'deadline.still-overdue',
      'deadline.still-overdue',
    ]);
    const { rows: marks } = await env.db.query<{ last_overdue_reminder_at: Date }>(
      `SELECT last_overdue_reminder_at FROM notify.deadline WHERE id = $1`,
      [missed.id],
    );
    assert.deepEqual(marks[0]?.last_overdue_reminder_at, china('2026-11-18T10:00:00'));
  });

  it('reminds again before a deadline moved by an extension', async () => {
    const now = new Date();
    const conclusion = await insertDeadline({
      kind: 'CONCLUSION',
      startsAt: new Date(now.getTime() - 58 * DAY_MS),
      dueAt: new Date(now.getTime() + DAY_MS),
    });
    const noticesOf = () =>
      count(`notify.notification WHERE petition_id = $1 AND template = 'deadline.due-soon'`, [
        conclusion.petitionId,
      ]);
    await sweep().pass(now);
    assert.equal(await noticesOf(), 1, 'the day before its last day');

    const extended = await replica()
      .get(Transactions)
      .run((tx) => replica().get(DeadlineClockService).extend(tx, conclusion.sourceId, 30));
    assert.ok(extended);
    assert.ok(extended.dueAt.getTime() > now.getTime() + 25 * DAY_MS);
    await sweep().pass(now);
    assert.equal(await noticesOf(), 1, 'nothing is due right after the extension');

    await sweep().pass(new Date(extended.dueAt.getTime() - DAY_MS));
    assert.equal(await noticesOf(), 2, 'the day before the new last day is reminded');
  });
});

describe('two replicas sweeping at once', { timeout: 120_000 }, () => {
  const DUE = 1_200;

  it('send each alert once between them', async () => {
    await env.db.query(
      `TRUNCATE notify.deadline, notify.notification, notify.outbox, notify.timeline_entry,
         notify.duty_roster_entry CASCADE`,
    );
    const now = new Date();
    // Half overdue, half on their last days: several batches of each for both replicas.
    await env.db.query(
      `INSERT INTO notify.deadline
         (id, petition_id, case_no, unit_code, kind, source_id, starts_at, due_at, status,
          next_alert_at)
       SELECT gen_random_uuid(), gen_random_uuid(),
              'XF-510903-20261122-' || lpad(i::text, 6, '0'), $1, 'ACCEPTANCE',
              gen_random_uuid(), $2::timestamptz - interval '15 days',
              $2::timestamptz + CASE WHEN i % 2 = 0 THEN -1 ELSE 1 END * (i * interval '1 second'),
              'OPEN', $2::timestamptz - interval '30 days'
       FROM generate_series(1, $3) AS i`,
      [UNIT, now, DUE],
    );

    const counts = await Promise.all(
      replicas.map((replica) => replica.get(DeadlineSweepTask).pass(now)),
    );
    const [first, second] = counts;
    assert.ok(first && second);
    assert.equal(first.OVERDUE + second.OVERDUE, DUE / 2);
    assert.equal(first.REMINDER + second.REMINDER, DUE / 2);

    // One notice per alert to the unit, one each to its leaders and its bureau per missed
    // deadline, a dispatch per notice, one escalation per missed deadline.
    const { rows } = await env.db.query<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM notify.notification
              WHERE recipient = '${UNIT}' AND audience_role IS NULL) AS to_unit,
             (SELECT count(DISTINCT petition_id)::int FROM notify.notification) AS deadlines,
             (SELECT count(*)::int FROM notify.notification
              WHERE template = 'deadline.overdue-leader') AS to_leaders,
             (SELECT count(*)::int FROM notify.notification
              WHERE template = 'deadline.overdue-bureau' AND recipient = '${BUREAU}') AS to_bureau,
             (SELECT count(*)::int FROM notify.outbox
              WHERE job_name = 'notification.dispatch') AS dispatches,
             (SELECT count(*)::int FROM notify.outbox WHERE job_name = 'deadline.overdue') AS escalations,
             (SELECT count(DISTINCT payload->>'deadlineId')::int FROM notify.outbox
              WHERE job_name = 'deadline.overdue') AS escalated`);
    assert.deepEqual(rows[0], {
      to_unit: DUE,
      deadlines: DUE,
      to_leaders: DUE / 2,
      to_bureau: DUE / 2,
      dispatches: DUE * 2,
      escalations: DUE / 2,
      escalated: DUE / 2,
    });
  });
  it('pages a leader on duty with only a landline by email, else in the inbox only', async () => {
    await replicas[0].get(DutyRostersService).replace(admin, UNIT, {
      entries: [
        { phone: '0825-2223344', email: 'duty@zjj.example.gov.cn', locale: 'zh-CN' },
        { phone: '0825-2223345转801', locale: 'zh-CN' },
        { phone: '13800000001', locale: 'zh-CN' },
      ],
    });
    const now = new Date();
    const missed = await insertDeadline({
      dueAt: endOfChinaDay(chinaDateOf(new Date(now.getTime() - 5 * DAY_MS))),
    });
    await replicas[0].get(DeadlineSweepTask).pass(now);
    const { rows } = await env.db.query<{ channel: string }>(
      `SELECT n.channel FROM notify.notification n
       JOIN notify.duty_roster_entry e ON e.id::text = n.recipient
       WHERE n.petition_id = $1 AND n.template = 'deadline.overdue-leader' ORDER BY e.position`,
      [missed.petitionId],
    );
    assert.deepEqual(
      rows.map((r) => r.channel),
      ['email', 'log', 'sms'],
    );
  });
});
