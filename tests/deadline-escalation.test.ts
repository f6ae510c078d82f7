import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '#common';
import { type TestEnvironment } from './support/environment.js';
import { createStaff } from './support/staff.js';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition } from './support/http.js';
import { withSystem } from './support/system.js';

const count = async (env: TestEnvironment, sql: string, params: unknown[] = []) =>
  (await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n ??
  0;

/** Time passes: the deadline ended a minute ago, when its next alert fell due. */
async function endedAMinuteAgo(env: TestEnvironment, deadlineId: string) {
  await env.db.query(
    `UPDATE notify.deadline SET due_at = now() - interval '1 minute',
       next_alert_at = now() - interval '1 minute'
     WHERE id = $1`,
    [deadlineId],
  );
}

/** A staff account of a unit with one role; returns its username. */
async function createAccount(env: TestEnvironment, username: string, unit: string, role: Role) {
  await createStaff(env.config, username, unit, [role]);
  return username;
}

describe('an overdue deadline in the running system', { timeout: 180_000 }, () => {
  const sut = withSystem({ demo: true, settings: () => ({ DEADLINE_SWEEP_MS: '300' }) });
  /** The case the first test put under supervision, and the deadline it missed. */
  let supervised: { caseNo: string; queryCode: string; deadlineId: string } | undefined;

  it('puts the unit under supervision (督办) and tells it, without telling the petitioner', async () => {
    const response = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(response.status, 201);
    const receipt = response.body;
    const deadline = await eventually(async () => {
      const { rows } = await sut.env.db.query<{ id: string; unit_code: string }>(
        `SELECT id, unit_code FROM notify.deadline WHERE case_no = $1 AND status = 'OPEN'`,
        [receipt.caseNo],
      );
      return rows[0];
    }, 'the case clock');

    await endedAMinuteAgo(sut.env, deadline.id);

    const supervision = await eventually(async () => {
      const { rows } = await sut.env.db.query<{
        unit_code: string;
        source: string;
        status: string;
      }>(`SELECT unit_code, source, status FROM routing.supervision WHERE deadline_id = $1`, [
        deadline.id,
      ]);
      return rows[0];
    }, 'the supervision notice');
    assert.deepEqual(supervision, {
      unit_code: deadline.unit_code,
      source: 'OVERDUE',
      status: 'OPEN',
    });

    const notices = await eventually(async () => {
      const { rows } = await sut.env.db.query<{ template: string }>(
        `SELECT template FROM notify.notification n JOIN notify.deadline d USING (petition_id)
         WHERE d.id = $1 AND n.recipient = $2 AND n.status = 'SENT'
           AND n.template IN ('deadline.overdue', 'supervision.issued')
         ORDER BY template`,
        [deadline.id, deadline.unit_code],
      );
      return rows.length === 2 && rows.map((r) => r.template);
    }, 'the overdue and supervision notices to be sent');
    assert.deepEqual(notices, ['deadline.overdue', 'supervision.issued']);
    assert.equal(
      await count(sut.env, `routing.supervision WHERE deadline_id = $1`, [deadline.id]),
      1,
      'one supervision notice, however many passes ran',
    );

    // The unit's leaders (it has no duty roster: in their inbox) and the bureau above it hear.
    const leader = await login(
      sut.system.routing.url,
      await createAccount(sut.env, 'overdue.leader', deadline.unit_code, 'unit_leader'),
    );
    const handler = await login(
      sut.system.routing.url,
      await createAccount(sut.env, 'overdue.handler', deadline.unit_code, 'handler'),
    );
    const inboxTemplates = async (token: string) =>
      (
        await request<{ items: { template: string; caseNo: string }[] }>(
          'GET',
          `${sut.system.notify.url}/api/v1/notifications?pageSize=100`,
          { token },
        )
      ).body.items
        .filter((item) => item.caseNo === receipt.caseNo)
        .map((item) => item.template);
    assert.ok((await inboxTemplates(leader)).includes('deadline.overdue-leader'));
    const handlerSees = await inboxTemplates(handler);
    assert.ok(handlerSees.includes('deadline.overdue'));
    assert.ok(!handlerSees.includes('deadline.overdue-leader'), 'for the leaders only');
    const { rows: bureau } = await sut.env.db.query<{ recipient: string }>(
      `SELECT n.recipient FROM notify.notification n JOIN routing.unit_directory_v1 u
         ON u.code = n.recipient AND u.kind = 'PETITION_BUREAU'
       WHERE n.petition_id = (SELECT petition_id FROM notify.deadline WHERE id = $1)
         AND n.template = 'deadline.overdue-bureau'`,
      [deadline.id],
    );
    assert.equal(bureau.length, 1, 'the supervising petition bureau');
    assert.notEqual(bureau[0]?.recipient, deadline.unit_code);
    const { rows: flagged } = await sut.env.db.query<{ overdue_at: Date | null }>(
      `SELECT overdue_at FROM notify.case_deadline_v1 WHERE id = $1`,
      [deadline.id],
    );
    assert.ok(flagged[0]?.overdue_at, 'flagged overdue for statistics');

    // Staff see the escalation on the case; the petitioner's page does not show it.
    const timelineTypes = async (url: string, token?: string) => {
      const view = await request<{ timeline: { type: string }[] }>('GET', url, { token });
      assert.equal(view.status, 200);
      return view.body.timeline.map((t) => t.type);
    };
    const staff = await timelineTypes(
      `${sut.system.intake.url}/api/v1/petitions/${receipt.caseNo}`,
      await login(sut.system.routing.url, 'admin'),
    );
    assert.ok(staff.includes('deadline.overdue') && staff.includes('supervision.issued'));
    const petitioner = await timelineTypes(
      `${sut.system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${receipt.queryCode}`,
    );
    assert.ok(petitioner.includes('deadline.opened'), petitioner.join());
    assert.ok(
      !petitioner.includes('deadline.overdue') && !petitioner.includes('supervision.issued'),
    );
    supervised = { ...receipt, deadlineId: deadline.id };
  });

  it('holds the unit to the answer date of the notice: escalated when missed, not supervised again', async () => {
    assert.ok(supervised, 'the case the previous test put under supervision');
    const { caseNo, queryCode, deadlineId } = supervised;
    const clock = await eventually(async () => {
      const { rows } = await sut.env.db.query<{
        id: string;
        unit_code: string;
        due_at: Date;
        status: string;
        supervision_id: string;
        supervised_unit: string;
        answer_due_at: Date;
      }>(
        `SELECT d.id, d.unit_code, d.due_at, d.status, s.id AS supervision_id,
           s.unit_code AS supervised_unit, s.answer_due_at
         FROM notify.deadline d JOIN routing.supervision s ON s.id = d.source_id
         WHERE d.kind = 'SUPERVISION_ANSWER' AND s.deadline_id = $1`,
        [deadlineId],
      );
      return rows[0];
    }, 'the clock of the answer to the supervision notice');
    assert.equal(clock.status, 'OPEN');
    assert.equal(clock.unit_code, clock.supervised_unit);
    assert.equal(clock.due_at.getTime(), clock.answer_due_at.getTime(), 'the bureau’s date');
    // The end of a China day, five days on.
    assert.equal(
      new Date(clock.due_at.getTime() + 8 * 3_600_000 + 1).toISOString().slice(11),
      '00:00:00.000Z',
    );
    const publicView = await request<{ deadlines: { kind: string }[] }>(
      'GET',
      `${sut.system.intake.url}/api/v1/public/petitions/${caseNo}?queryCode=${queryCode}`,
    );
    assert.ok(
      publicView.body.deadlines.length > 0 &&
        publicView.body.deadlines.every((d) => d.kind !== 'SUPERVISION_ANSWER'),
      'the petitioner sees the legal time limits only',
    );

    // The answer date passes unanswered.
    await endedAMinuteAgo(sut.env, clock.id);
    const overdueMessage = await eventually(async () => {
      const { rows } = await sut.env.db.query<{ id: string }>(
        `SELECT o.id FROM notify.outbox o JOIN routing.processed_message p ON p.message_id = o.id
         WHERE o.job_name = 'deadline.overdue' AND o.payload->>'deadlineId' = $1`,
        [clock.id],
      );
      return rows[0];
    }, 'routing to have taken the missed answer date');
    assert.ok(overdueMessage.id);
    assert.equal(
      await count(sut.env, `routing.supervision WHERE deadline_id = $1`, [clock.id]),
      0,
      'a missed answer is not supervised again',
    );
    const notices = await eventually(async () => {
      const { rows } = await sut.env.db.query<{ template: string; kind: string }>(
        `SELECT n.template, n.variables->>'kind' AS kind FROM notify.notification n
         WHERE n.petition_id = (SELECT petition_id FROM notify.deadline WHERE id = $1)
           AND n.template LIKE 'deadline.overdue%' AND n.variables->>'kind' = 'SUPERVISION_ANSWER'
         ORDER BY n.template`,
        [clock.id],
      );
      return rows.length >= 2 && rows.map((r) => r.template);
    }, 'the unit and the bureau to be told the answer is overdue');
    assert.ok(notices.includes('deadline.overdue') && notices.includes('deadline.overdue-bureau'));

    // The unit answers: the clock stops.
    const handler = await login(sut.system.routing.url, 'overdue.handler');
    const answered = await request(
      'POST',
      `${sut.system.routing.url}/api/v1/workbench/cases/${caseNo}/supervision/${clock.supervision_id}/answer`,
      { token: handler, body: { answer: '已查明逾期原因，本周内作出受理决定。' } },
    );
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    await eventually(async () => {
      const { rows } = await sut.env.db.query<{ status: string }>(
        `SELECT status FROM notify.deadline WHERE id = $1`,
        [clock.id],
      );
      return rows[0]?.status === 'CLOSED';
    }, 'the answer clock to stop');
  });
});
