import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { chinaDateOf, endOfChinaDay, Transactions } from '#common';
import { DeadlineClock } from '../apps/notify/src/deadlines/deadline-clock.js';
import { DeadlineSweep } from '../apps/notify/src/deadlines/deadline-sweep.js';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';

const DAY_MS = 86_400_000;
const UNIT = '510903-ZJJ';

// Two replicas of notify on one database (the config module keeps the settings of its first
// import, so the file has one environment).
let env: TestEnvironment;
let replicas: [INestApplicationContext, INestApplicationContext];

before(async () => {
  env = await createTestEnvironment();
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
       (id, petition_id, case_no, unit_code, kind, source_id, starts_at, due_at, status, overdue_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
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

describe('the deadline sweep', { timeout: 120_000 }, () => {
  const replica = () => replicas[0];
  const sweep = () => replica().get(DeadlineSweep);

  it('reminds 3 days before and on the last day, escalates once overdue, each exactly once', async () => {
    const now = new Date();
    const overdue = await insertDeadline({ dueAt: new Date(now.getTime() - 3_600_000) });
    const dueToday = await insertDeadline({ dueAt: endOfChinaDay(chinaDateOf(now)) });
    const dueSoon = await insertDeadline({ dueAt: new Date(now.getTime() + 2 * DAY_MS) });
    await insertDeadline({ dueAt: new Date(now.getTime() + 10 * DAY_MS) });
    await insertDeadline({ dueAt: new Date(now.getTime() - 2 * DAY_MS), status: 'CLOSED' });
    await insertDeadline({
      dueAt: new Date(now.getTime() - 3 * DAY_MS),
      overdueAt: new Date(now.getTime() - 2 * DAY_MS),
    });

    assert.deepEqual(await sweep().pass(now), { OVERDUE: 1, DUE_TODAY: 1, DUE_SOON: 1 });

    const { rows: notices } = await env.db.query<{
      id: string;
      petition_id: string;
      recipient: string;
      template: string;
      variables: Record<string, string>;
      status: string;
    }>(
      `SELECT id, petition_id, recipient, template, variables, status FROM notify.notification
       ORDER BY template`,
    );
    const expected = (deadline: typeof overdue, template: string, dueAt: Date) => ({
      petition_id: deadline.petitionId,
      recipient: UNIT,
      template,
      variables: { caseNo: deadline.caseNo, kind: 'ACCEPTANCE', dueAt: dueAt.toISOString() },
      status: 'PENDING',
    });
    const dueAtOf = async (id: string) =>
      (
        await env.db.query<{ due_at: Date }>(`SELECT due_at FROM notify.deadline WHERE id = $1`, [
          id,
        ])
      ).rows[0]?.due_at ?? new Date(0);
    assert.deepEqual(
      notices.map(({ id: _id, ...notice }) => notice),
      [
        expected(dueSoon, 'deadline.due-soon', await dueAtOf(dueSoon.id)),
        expected(dueToday, 'deadline.due-today', await dueAtOf(dueToday.id)),
        expected(overdue, 'deadline.overdue', await dueAtOf(overdue.id)),
      ],
    );

    // Each notice is queued for delivery, and routing is told of the missed one, in the outbox.
    const { rows: outbox } = await env.db.query<{ job_name: string; payload: object }>(
      `SELECT job_name, payload FROM notify.outbox ORDER BY job_name, payload->>'notificationId'`,
    );
    assert.deepEqual(outbox, [
      {
        job_name: 'deadline.overdue',
        payload: {
          deadlineId: overdue.id,
          petitionId: overdue.petitionId,
          caseNo: overdue.caseNo,
          unitCode: UNIT,
          kind: 'ACCEPTANCE',
          dueAt: (await dueAtOf(overdue.id)).toISOString(),
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

    const { rows: timeline } = await env.db.query<{
      petition_id: string;
      type: string;
      visible_to_petitioner: boolean;
    }>(`SELECT petition_id, type, visible_to_petitioner FROM notify.timeline_entry`);
    assert.deepEqual(timeline, [
      { petition_id: overdue.petitionId, type: 'deadline.overdue', visible_to_petitioner: false },
    ]);

    // Nothing is owed twice.
    const before = await totals();
    assert.deepEqual(await sweep().pass(now), { OVERDUE: 0, DUE_TODAY: 0, DUE_SOON: 0 });
    assert.deepEqual(await totals(), before);

    // Two days on, the one reminded 3 days ahead is on its last day; a day later it is overdue.
    assert.deepEqual(await sweep().pass(new Date(now.getTime() + 2 * DAY_MS)), {
      OVERDUE: 1, // the one due today
      DUE_TODAY: 1,
      DUE_SOON: 0,
    });
    assert.deepEqual(await sweep().pass(new Date(now.getTime() + 3 * DAY_MS)), {
      OVERDUE: 1,
      DUE_TODAY: 0,
      DUE_SOON: 0,
    });
    assert.equal(
      await count(`notify.notification WHERE petition_id = $1`, [dueSoon.petitionId]),
      3,
    );
  });

  it('reminds again before a deadline moved by an extension', async () => {
    const now = new Date();
    const startsAt = new Date(now.getTime() - 58 * DAY_MS);
    const conclusion = await insertDeadline({
      kind: 'CONCLUSION',
      startsAt,
      dueAt: new Date(now.getTime() + DAY_MS),
    });
    const noticesOf = () =>
      count(`notify.notification WHERE petition_id = $1 AND template = 'deadline.due-soon'`, [
        conclusion.petitionId,
      ]);
    await sweep().pass(now);
    assert.equal(await noticesOf(), 1);

    const extended = await replica()
      .get(Transactions)
      .run((tx) => replica().get(DeadlineClock).extend(tx, conclusion.sourceId, 30));
    assert.ok(extended);
    assert.ok(extended.dueAt.getTime() > now.getTime() + 25 * DAY_MS);
    await sweep().pass(now);
    assert.equal(await noticesOf(), 1, 'nothing is due right after the extension');

    await sweep().pass(new Date(extended.dueAt.getTime() - DAY_MS));
    assert.equal(await noticesOf(), 2, 'the new last 3 days are reminded');
  });
});

describe('two replicas sweeping at once', { timeout: 120_000 }, () => {
  const DUE = 1_200;

  it('send each alert once between them', async () => {
    await env.db.query(
      `TRUNCATE notify.deadline, notify.notification, notify.outbox, notify.timeline_entry`,
    );
    const now = new Date();
    // Half overdue, half in their last 3 days: several batches of each for both replicas.
    await env.db.query(
      `INSERT INTO notify.deadline
         (id, petition_id, case_no, unit_code, kind, source_id, starts_at, due_at, status)
       SELECT gen_random_uuid(), gen_random_uuid(),
              'XF-510903-20261122-' || lpad(i::text, 6, '0'), $1, 'ACCEPTANCE',
              gen_random_uuid(), $2::timestamptz - interval '15 days',
              $2::timestamptz + CASE WHEN i % 2 = 0 THEN -1 ELSE 1 END * (i * interval '1 second'),
              'OPEN'
       FROM generate_series(1, $3) AS i`,
      [UNIT, now, DUE],
    );

    const counts = await Promise.all(
      replicas.map((replica) => replica.get(DeadlineSweep).pass(now)),
    );
    const [first, second] = counts;
    assert.ok(first && second);
    assert.equal(first.OVERDUE + second.OVERDUE, DUE / 2);
    assert.equal(first.DUE_SOON + second.DUE_SOON + first.DUE_TODAY + second.DUE_TODAY, DUE / 2);

    // One notice per deadline, one dispatch per notice, one escalation per overdue deadline.
    const { rows } = await env.db.query<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM notify.notification) AS notices,
             (SELECT count(DISTINCT petition_id)::int FROM notify.notification) AS deadlines,
             (SELECT count(*)::int FROM notify.outbox
              WHERE job_name = 'notification.dispatch') AS dispatches,
             (SELECT count(*)::int FROM notify.outbox WHERE job_name = 'deadline.overdue') AS escalations,
             (SELECT count(DISTINCT payload->>'deadlineId')::int FROM notify.outbox
              WHERE job_name = 'deadline.overdue') AS escalated`);
    assert.deepEqual(rows[0], {
      notices: DUE,
      deadlines: DUE,
      dispatches: DUE,
      escalations: DUE / 2,
      escalated: DUE / 2,
    });
  });
});
