import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendAuditEvent } from '#common';
import { auditVerify, describeReport } from '../../apps/cli/src/commands/audit.js';
import { withDataSource } from '../../apps/cli/src/service-data.js';
import { routingData } from '../../apps/routing/src/database/routing-data.js';
import { eventually } from '../support/eventually.js';
import { login, request, samplePetition } from '../support/http.js';
import { withSystem } from '../support/system.js';

/**
 * Regressions found by `npm run fuzz:api`: NUL in a JSON string or a query value reached
 * PostgreSQL (which refuses it) and made a 500; a lone surrogate was hashed into an audit entry
 * as sent but stored as U+FFFD, so the chain no longer verified.
 */
describe('malformed text (NUL, lone surrogates)', { timeout: 300_000 }, () => {
  const sut = withSystem({ demo: true });

  const fieldsOf = (body: Record<string, unknown>) =>
    ((body.errors ?? []) as { field: string; code: string }[]).map((e) => `${e.field}:${e.code}`);

  it('is a 400 naming the field, in bodies and queries, never a 500', async () => {
    const registrar = await login(sut.system.routing.url, 'suining.registrar');
    const admin = await login(sut.system.routing.url, 'admin');
    const search = await request('GET', `${sut.system.intake.url}/api/v1/petitions?text=a%00b`, {
      token: registrar,
    });
    assert.equal(search.status, 400, JSON.stringify(search.body));
    assert.deepEqual(fieldsOf(search.body), ['text:text_malformed']);

    const audit = await request('GET', `${sut.system.routing.url}/api/v1/audit-events?staff=%00`, {
      token: admin,
    });
    assert.equal(audit.status, 400, JSON.stringify(audit.body));

    const petition = samplePetition();
    const form = await request('POST', `${sut.system.intake.url}/api/v1/public/petitions`, {
      body: {
        ...petition,
        petitioners: [{ ...petition.petitioners[0], name: '李\u0000晓燕' }],
      },
    });
    assert.equal(form.status, 400, JSON.stringify(form.body));
    assert.deepEqual(fieldsOf(form.body), ['petitioners[0].name:text_malformed']);
    const messages = (form.body.errors as { messages: { zh: string; en: string } }[])[0]?.messages;
    assert.match(messages?.zh ?? '', /空字符/);
    assert.match(messages?.en ?? '', /NUL/);
  });

  it('in a sign-in is refused, recorded, and leaves the audit chains verifiable', async () => {
    for (const username of ['admin\u0000', '\ud800admin']) {
      const answer = await request('POST', `${sut.system.routing.url}/api/v1/auth/login`, {
        body: { username, password: 'not-the-password' },
      });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.deepEqual(fieldsOf(answer.body), ['username:text_malformed']);
    }
    // Each attempt is recorded once its answer is sent, as typed but storable.
    const recorded = await eventually(async () => {
      const { rows } = await sut.env.db.query<{ actor_username: string; status: number }>(
        `SELECT actor_username, status FROM routing.audit_event
          WHERE action = 'auth.login' AND outcome = 'FAILURE' ORDER BY seq`,
      );
      // Each is recorded after its answer, so in either order.
      return rows.length >= 2 && rows.map((r) => `${r.actor_username} ${r.status}`).sort();
    }, 'both sign-in attempts to be recorded');
    assert.deepEqual(recorded, ['admin\ufffd 400', '\ufffdadmin 400'].sort());
    const reports = await auditVerify(sut.env.config);
    assert.deepEqual(
      reports.filter((r) => r.problems.length > 0).map(describeReport),
      [],
      'every chain verifies',
    );
  });

  it('in any audit entry is stored as U+FFFD and hashed as stored, so the chain verifies', async () => {
    await withDataSource(sut.env.config, routingData, (dataSource) =>
      dataSource.transaction((manager) =>
        appendAuditEvent(manager, 'routing', {
          action: 'test.malformed',
          outcome: 'FAILURE',
          actor: { id: null, username: 'x\ud800y\u0000', unitCode: null },
          clientIp: null,
          caseNo: null,
          target: { type: 'queue', id: 'q\udc00' },
          status: 400,
          detail: { note: 'n\u0000' },
          correlationId: null,
        }),
      ),
    );
    const { rows } = await sut.env.db.query<{ actor_username: string; target_id: string }>(
      `SELECT actor_username, target_id FROM routing.audit_event WHERE action = 'test.malformed'`,
    );
    assert.deepEqual(rows, [{ actor_username: 'x\ufffdy\ufffd', target_id: 'q\ufffd' }]);
    const reports = await auditVerify(sut.env.config);
    assert.deepEqual(reports.filter((r) => r.problems.length > 0).map(describeReport), []);
  });

  it('a queue-board change named by an overlong path is refused and recorded, not a 500', async () => {
    const supervisor = await login(sut.system.routing.url, 'suining.supervisor');
    for (const path of [`${'q'.repeat(300)}/pause`, `intake/${'j'.repeat(300)}/retry`]) {
      const board = await request(
        'PUT',
        `${sut.system.routing.url}/admin/queues/api/queues/${path}`,
        {
          token: supervisor,
        },
      );
      assert.equal(board.status, 403, JSON.stringify(board.body));
    }
  });
});
