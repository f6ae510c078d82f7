import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { QueueName } from '#common';
import { eventually } from './support/eventually.js';
import { login, request, samplePetition, SAMPLE_PERSONAL_DATA } from './support/http.js';
import { type ServiceName } from './support/processes.js';
import { withSystem } from './support/system.js';

const METRICS_TOKEN = 'metrics-scraper-token-0123456789';

/** One sample's value from a Prometheus text exposition, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}) {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

describe('operations: metrics, queue board, readiness', { timeout: 180_000 }, () => {
  const sut = withSystem({ demo: true, settings: () => ({ METRICS_TOKEN }) });
  let caseNo: string;
  const scrape = async (service: ServiceName) => {
    const response = await fetch(`${sut.system[service].url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    assert.equal(response.status, 200);
    return response.text();
  };

  const deadlineKind = async () =>
    (await sut.env.db.query<{ kind: string }>(`SELECT kind FROM notify.deadline`)).rows[0]?.kind ??
    '';

  before(async () => {
    const receipt = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(receipt.status, 201);
    caseNo = receipt.body.caseNo;
    await eventually(
      async () =>
        // The lead and co-handling units' notices, the receipt and where the case went.
        (await sut.env.db.query(`SELECT 1 FROM notify.notification WHERE status = 'SENT'`))
          .rowCount === 4,
      'the units and the petitioner to be notified',
    );
  });

  it('/metrics needs the scraper token when one is configured', async () => {
    for (const service of ['intake', 'routing', 'notify'] as const) {
      const anonymous = await fetch(`${sut.system[service].url}/metrics`);
      assert.equal(anonymous.status, 401, service);
      const wrong = await fetch(`${sut.system[service].url}/metrics`, {
        headers: { authorization: 'Bearer not-the-token' },
      });
      assert.equal(wrong.status, 401, service);
    }
  });

  it('each service reports its queues, jobs, requests and business counts', async () => {
    const intake = await scrape('intake');
    const routing = await scrape('routing');
    const notify = await scrape('notify');
    for (const text of [intake, routing, notify]) {
      for (const queue of Object.values(QueueName)) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
          assert.notEqual(sample(text, 'xinfang_queue_jobs', { queue, state }), undefined);
        }
      }
    }
    assert.equal(
      sample(routing, 'xinfang_queue_jobs', { queue: 'routing', state: 'completed' }),
      1,
    );
    assert.equal(sample(intake, 'xinfang_petitions_received_total', { channel: 'ONLINE' }), 1);
    assert.equal(sample(routing, 'xinfang_petitions_routed_total'), 1);
    assert.equal(sample(routing, 'xinfang_petitions_triaged_total'), 0);
    assert.equal(
      sample(routing, 'xinfang_job_duration_seconds_count', {
        queue: 'routing',
        job: 'petition.received',
        outcome: 'completed',
      }),
      1,
    );
    assert.equal(
      sample(intake, 'xinfang_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/public/petitions',
        status: '201',
      }),
      1,
    );
    // SMTP_URL and SMS_PROVIDER are unset here: email and SMS go to the log.
    assert.deepEqual(
      ['log', 'email', 'sms'].map((channel) =>
        sample(notify, 'xinfang_notifications_total', {
          channel,
          provider: 'log',
          outcome: 'sent',
        }),
      ),
      [1, 1, 2],
    );
    const kind = await deadlineKind();
    assert.equal(sample(notify, 'xinfang_deadlines', { kind, state: 'open' }), 1);
    assert.equal(sample(notify, 'xinfang_deadlines', { kind, state: 'overdue' }), 0);
    assert.equal(sample(intake, 'xinfang_outbox_unpublished', { schema: 'intake' }), 0);
    // Counts and codes only: no person, no case number.
    for (const text of [intake, routing, notify]) {
      for (const personal of [...SAMPLE_PERSONAL_DATA, caseNo]) {
        assert.ok(!text.includes(personal), `metrics must not contain ${personal}`);
      }
    }
  });

  it('the deadline gauge counts an open deadline past due as overdue', async () => {
    await sut.env.db.query(`UPDATE notify.deadline SET due_at = now() - interval '1 day'`);
    const notify = await scrape('notify');
    assert.equal(
      sample(notify, 'xinfang_deadlines', { kind: await deadlineKind(), state: 'overdue' }),
      1,
    );
  });

  describe('the queue board on routing', () => {
    const board = () => `${sut.system.routing.url}/admin/queues`;
    let admin: string;
    let supervisor: string;
    let handler: string;
    let queue: Queue;

    before(async () => {
      admin = await login(sut.system.routing.url, 'admin');
      supervisor = await login(sut.system.routing.url, 'suining.supervisor');
      handler = await login(sut.system.routing.url, 'chuanshan.handler');
      // A job routing refuses at once (its payload breaks the contract): a failed job to manage.
      queue = new Queue(QueueName.Routing, {
        connection: { url: sut.env.config.REDIS_URL },
        prefix: sut.env.config.QUEUE_PREFIX,
      });
      await queue.add(
        'petition.received',
        { messageId: crypto.randomUUID(), correlationId: 'board-test', payload: {} },
        { attempts: 1 },
      );
      await eventually(async () => (await queue.getFailedCount()) === 1, 'the job to fail');
    });
    after(async () => {
      await queue.close();
    });

    it('refuses anonymous callers and staff who are neither admin nor supervisor', async () => {
      const api = `${board()}/api/queues`;
      assert.equal((await request('GET', api)).status, 401);
      assert.equal((await request('GET', api, { token: handler })).status, 403);
      const browser = await fetch(board(), {
        headers: { accept: 'text/html' },
        redirect: 'manual',
      });
      assert.equal(browser.status, 303);
      assert.equal(browser.headers.get('location'), '/admin/queues/login');
      const signIn = await fetch(`${board()}/login`);
      assert.equal(signIn.status, 200);
      assert.match(await signIn.text(), /\/api\/v1\/auth\/login/);
    });

    it('shows every queue; a supervisor reads only, an admin retries and cleans', async () => {
      const seen = await request<{ queues: { name: string; readOnlyMode: boolean }[] }>(
        'GET',
        `${board()}/api/queues`,
        { token: supervisor },
      );
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.body.queues.map((q) => q.name).sort(), ['intake', 'notify', 'routing']);
      assert.ok(seen.body.queues.every((q) => q.readOnlyMode));

      const retry = `${board()}/api/queues/routing/retry/failed`;
      const clean = `${board()}/api/queues/routing/clean/failed`;
      assert.equal((await request('PUT', retry, { token: supervisor })).status, 403);
      assert.equal((await request('PUT', clean, { token: supervisor })).status, 403);
      assert.equal(await queue.getFailedCount(), 1);

      const full = await request<{ queues: { readOnlyMode: boolean }[] }>(
        'GET',
        `${board()}/api/queues`,
        { token: admin },
      );
      assert.ok(full.body.queues.every((q) => !q.readOnlyMode));
      const retried = await request('PUT', retry, { token: admin });
      assert.equal(retried.status, 200);
      // Retried, it fails again (the payload is still wrong), and has been attempted twice.
      await eventually(async () => {
        const [job] = await queue.getFailed();
        return job?.attemptsMade === 2;
      }, 'the retried job to fail again');
      // Bull Board cleans jobs that failed more than 5 seconds ago.
      await eventually(async () => {
        assert.equal((await request('PUT', clean, { token: admin })).status, 200);
        return (await queue.getFailedCount()) === 0;
      }, 'failed jobs cleaned');

      // Each change made on the board, and each refused, is on the audit trail with who made it
      // (written as the answer goes out, so read until the last one is there).
      let recorded: string[] = [];
      await eventually(async () => {
        const { rows } = await sut.env.db.query<{
          actor_username: string;
          outcome: string;
          status: number;
          target_id: string;
          operation: string;
        }>(
          `SELECT actor_username, outcome, status, target_id, detail->>'operation' AS operation
           FROM routing.audit_event WHERE action = 'queue-board.action' ORDER BY seq`,
        );
        recorded = rows.map(
          (r) => `${r.actor_username} ${r.outcome} ${r.status} ${r.target_id} ${r.operation}`,
        );
        return recorded.includes('admin SUCCESS 200 routing clean/failed');
      }, 'the board clean on the audit trail');
      assert.deepEqual(recorded.slice(0, 3), [
        'suining.supervisor DENIED 403 routing retry/failed',
        'suining.supervisor DENIED 403 routing clean/failed',
        'admin SUCCESS 200 routing retry/failed',
      ]);
    });

    it('a token is exchanged once for a short-lived HttpOnly, SameSite=Strict cookie', async () => {
      const exchange = await fetch(`${board()}?token=${supervisor}`, { redirect: 'manual' });
      assert.equal(exchange.status, 303);
      assert.equal(exchange.headers.get('location'), '/admin/queues');
      const cookie = exchange.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^xinfang_board=[^;]+; Max-Age=1800; Path=\/admin\/queues; /);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      const session = cookie.split(';')[0] ?? '';

      const page = await fetch(board(), { headers: { cookie: session } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /xinfang/);
      const mutate = await fetch(`${board()}/api/queues/routing/clean/failed`, {
        method: 'PUT',
        headers: { cookie: session },
      });
      assert.equal(mutate.status, 403);
      // The cookie holds a board-only token; a staff token in its place is refused.
      const forged = await fetch(`${board()}/api/queues`, {
        headers: { cookie: `xinfang_board=${admin}` },
      });
      assert.equal(forged.status, 401);

      const posted = await fetch(`${board()}/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
      assert.equal(posted.status, 204);
      const sessions = await sut.env.db.query<{ actor_username: string; status: number }>(
        `SELECT actor_username, status FROM routing.audit_event
          WHERE action = 'queue-board.session' ORDER BY seq`,
      );
      assert.deepEqual(
        sessions.rows.map((r) => `${r.actor_username} ${r.status}`),
        ['suining.supervisor 303', 'admin 204'],
      );
      assert.match(posted.headers.get('set-cookie') ?? '', /HttpOnly/);
      const refused = await fetch(`${board()}/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${handler}` },
      });
      assert.equal(refused.status, 403);
    });
  });

  it('readiness fails while a migration of the service is not applied', async () => {
    const ready = () => fetch(`${sut.system.notify.url}/health/ready`);
    assert.equal((await ready()).status, 200);
    const { rows } = await sut.env.db.query<{ id: number; timestamp: string; name: string }>(
      `DELETE FROM notify.migrations WHERE id = (SELECT max(id) FROM notify.migrations)
       RETURNING id, timestamp, name`,
    );
    const removed = rows[0];
    assert.ok(removed);
    try {
      const pending = await ready();
      assert.equal(pending.status, 503);
      const body = (await pending.json()) as { details: { error: Record<string, unknown> } };
      assert.ok('migrations' in body.details.error);
    } finally {
      await sut.env.db.query(
        `INSERT INTO notify.migrations (id, timestamp, name) VALUES ($1, $2, $3)`,
        [removed.id, removed.timestamp, removed.name],
      );
    }
    assert.equal((await ready()).status, 200);
  });
});
