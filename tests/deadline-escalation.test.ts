import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '#common';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { createStaff } from './support/staff.js';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition } from './support/http.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from './support/processes.js';

const count = async (env: TestEnvironment, sql: string, params: unknown[] = []) =>
  (await env.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n ??
  0;

/** A staff account of a unit with one role; returns its username. */
async function createAccount(env: TestEnvironment, username: string, unit: string, role: Role) {
  await createStaff(env.config, username, unit, [role]);
  return username;
}

describe('an overdue deadline in the running system', { timeout: 180_000 }, () => {
  let env: TestEnvironment;
  let system: Record<ServiceName, ServiceProcess>;

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    system = await startSystem({ ...env.env, DEADLINE_SWEEP_MS: '300' });
  });

  after(async () => {
    await stopSystem(system);
    await env.dispose();
  });

  it('puts the unit under supervision (督办) and tells it, without telling the petitioner', async () => {
    const response = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(response.status, 201);
    const receipt = response.body;
    const deadline = await eventually(async () => {
      const { rows } = await env.db.query<{ id: string; unit_code: string }>(
        `SELECT id, unit_code FROM notify.deadline WHERE case_no = $1 AND status = 'OPEN'`,
        [receipt.caseNo],
      );
      return rows[0];
    }, 'the case clock');

    // Time passes: the deadline ended a minute ago, when its next alert fell due.
    await env.db.query(
      `UPDATE notify.deadline SET due_at = now() - interval '1 minute',
         next_alert_at = now() - interval '1 minute'
       WHERE id = $1`,
      [deadline.id],
    );

    const supervision = await eventually(async () => {
      const { rows } = await env.db.query<{ unit_code: string; source: string; status: string }>(
        `SELECT unit_code, source, status FROM routing.supervision WHERE deadline_id = $1`,
        [deadline.id],
      );
      return rows[0];
    }, 'the supervision notice');
    assert.deepEqual(supervision, {
      unit_code: deadline.unit_code,
      source: 'OVERDUE',
      status: 'OPEN',
    });

    const notices = await eventually(async () => {
      const { rows } = await env.db.query<{ template: string }>(
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
      await count(env, `routing.supervision WHERE deadline_id = $1`, [deadline.id]),
      1,
      'one supervision notice, however many passes ran',
    );

    // The unit's leaders (it has no duty roster: in their inbox) and the bureau above it hear.
    const leader = await login(
      system.routing.url,
      await createAccount(env, 'overdue.leader', deadline.unit_code, 'unit_leader'),
    );
    const handler = await login(
      system.routing.url,
      await createAccount(env, 'overdue.handler', deadline.unit_code, 'handler'),
    );
    const inboxTemplates = async (token: string) =>
      (
        await request<{ items: { template: string; caseNo: string }[] }>(
          'GET',
          `${system.notify.url}/api/v1/notifications?pageSize=100`,
          { token },
        )
      ).body.items
        .filter((item) => item.caseNo === receipt.caseNo)
        .map((item) => item.template);
    assert.ok((await inboxTemplates(leader)).includes('deadline.overdue-leader'));
    const handlerSees = await inboxTemplates(handler);
    assert.ok(handlerSees.includes('deadline.overdue'));
    assert.ok(!handlerSees.includes('deadline.overdue-leader'), 'for the leaders only');
    const { rows: bureau } = await env.db.query<{ recipient: string }>(
      `SELECT n.recipient FROM notify.notification n JOIN routing.unit_directory_v1 u
         ON u.code = n.recipient AND u.kind = 'PETITION_BUREAU'
       WHERE n.petition_id = (SELECT petition_id FROM notify.deadline WHERE id = $1)
         AND n.template = 'deadline.overdue-bureau'`,
      [deadline.id],
    );
    assert.equal(bureau.length, 1, 'the supervising petition bureau');
    assert.notEqual(bureau[0]?.recipient, deadline.unit_code);
    const { rows: flagged } = await env.db.query<{ overdue_at: Date | null }>(
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
      `${system.intake.url}/api/v1/petitions/${receipt.caseNo}`,
      await login(system.routing.url, 'admin'),
    );
    assert.ok(staff.includes('deadline.overdue') && staff.includes('supervision.issued'));
    const petitioner = await timelineTypes(
      `${system.intake.url}/api/v1/public/petitions/${receipt.caseNo}?queryCode=${receipt.queryCode}`,
    );
    assert.ok(petitioner.includes('deadline.opened'), petitioner.join());
    assert.ok(
      !petitioner.includes('deadline.overdue') && !petitioner.includes('supervision.issued'),
    );
  });
});
