import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  appendAuditEvent,
  auditRecordOf,
  canonicalAuditRecord,
  chainHash,
  type HashedAuditEventRow,
  type ServiceDataSourceSpec,
  type ServiceSchema,
} from '#common';
import { allServiceData, withDataSource } from '../../apps/cli/src/service-data.js';
import { routingData } from '../../apps/routing/src/database/routing-data.js';
import { asTamperer, rows, SCHEMAS } from '../support/audit-trail.js';
import { cli } from '../support/cli.js';
import { createTestEnvironment, type TestEnvironment } from '../support/environment.js';

/** Entries of an admin's unit changes, in a service's trail, at the times given (now if none). */
async function appendUnitChanges(
  env: TestEnvironment,
  data: ServiceDataSourceSpec,
  times: (Date | undefined)[],
) {
  await withDataSource(env.config, data, (dataSource) =>
    dataSource.transaction(async (manager) => {
      for (const [n, at] of times.entries()) {
        await appendAuditEvent(
          manager,
          data.schema,
          {
            action: 'POST /api/v1/units',
            outcome: 'SUCCESS',
            actor: { id: null, username: 'admin', unitCode: '5109-XFJ' },
            clientIp: '10.0.0.1',
            caseNo: null,
            target: { type: 'units', id: `U-${n}` },
            status: 201,
            detail: {},
            correlationId: null,
          },
          at,
        );
      }
    }),
  );
}

describe(
  'the audit trail cannot be changed, and audit:verify names a change',
  { timeout: 120_000 },
  () => {
    let env: TestEnvironment;

    before(async () => {
      env = await createTestEnvironment();
      // Three entries in each service's trail, written as the services write them.
      for (const data of allServiceData)
        await appendUnitChanges(env, data, [undefined, undefined, undefined]);
    });

    after(async () => {
      await env.dispose();
    });

    /** The statement is refused; were it not, the transaction is rolled back all the same. */
    async function refused(sql: string, reason: RegExp) {
      const client = await env.db.connect();
      try {
        await client.query('BEGIN');
        await assert.rejects(client.query(sql), reason, sql);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    }

    it('the services can neither change nor delete an entry', async () => {
      for (const schema of SCHEMAS) {
        await refused(
          `UPDATE ${schema}.audit_event SET action = 'x' WHERE seq = 1`,
          /append-only: UPDATE refused/,
        );
        await refused(
          `DELETE FROM ${schema}.audit_event WHERE seq = 1`,
          /append-only: DELETE refused/,
        );
      }
    });

    it('nor empty the trail', async () => {
      for (const schema of SCHEMAS) {
        await refused(`TRUNCATE ${schema}.audit_event`, /append-only: TRUNCATE refused/);
      }
    });

    it('nor move the chain head back, or remove it', async () => {
      for (const schema of SCHEMAS) {
        await refused(
          `UPDATE ${schema}.audit_chain SET last_seq = last_seq - 1`,
          /audit_chain moves only to the next linked row/,
        );
        await refused(
          `DELETE FROM ${schema}.audit_chain`,
          /audit_chain moves only to the next linked row/,
        );
      }
    });

    /** Tampers, runs audit:verify, and puts things back however the check went. */
    async function tampered(
      tamper: () => Promise<void>,
      restore: () => Promise<void>,
    ): Promise<Awaited<ReturnType<typeof cli>>> {
      await tamper();
      try {
        return await cli(env, 'audit:verify');
      } finally {
        await restore();
      }
    }

    const putBack = (schema: ServiceSchema, row: HashedAuditEventRow) =>
      asTamperer(
        env.db,
        `INSERT INTO ${schema}.audit_event
       SELECT * FROM json_populate_record(NULL::${schema}.audit_event, $1)`,
        [JSON.stringify(row)],
      );

    it('audit:verify names an altered row', async () => {
      const [, second] = await rows(env.db, 'intake');
      assert.ok(second);
      const broken = await tampered(
        () =>
          asTamperer(env.db, `UPDATE intake.audit_event SET actor_username = 'x' WHERE seq = 2`),
        () =>
          asTamperer(env.db, `UPDATE intake.audit_event SET actor_username = $1 WHERE seq = 2`, [
            second.actor_username,
          ]),
      );
      assert.equal(broken.status, 1);
      assert.match(
        broken.stderr,
        new RegExp(`intake.audit_event: BROKEN at seq 2 \\(id ${second.id}\\): altered`),
      );
      assert.match(broken.stdout, /routing.audit_event: ok/);
    });

    it('audit:verify names the row after one altered with its hash recomputed', async () => {
      const [, second, third] = await rows(env.db, 'intake');
      assert.ok(second && third);
      const forged = auditRecordOf({ ...second, actor_username: 'x' });
      const forgedHash = chainHash(forged.prevHash, canonicalAuditRecord('intake', forged));
      const broken = await tampered(
        () =>
          asTamperer(
            env.db,
            `UPDATE intake.audit_event SET actor_username = 'x', hash = $1 WHERE seq = 2`,
            [forgedHash],
          ),
        () =>
          asTamperer(
            env.db,
            `UPDATE intake.audit_event SET actor_username = $1, hash = $2 WHERE seq = 2`,
            [second.actor_username, second.hash],
          ),
      );
      assert.equal(broken.status, 1);
      assert.match(
        broken.stderr,
        new RegExp(`intake.audit_event: BROKEN at seq 3 \\(id ${third.id}\\): its prev_hash`),
      );
    });

    it('audit:verify names a row removed from the middle', async () => {
      const [, , removed] = await rows(env.db, 'routing');
      assert.ok(removed);
      const broken = await tampered(
        () => asTamperer(env.db, `DELETE FROM routing.audit_event WHERE seq = 3`),
        () => putBack('routing', removed),
      );
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, /routing.audit_event: BROKEN at seq 3: missing/);
    });

    it('audit:verify names the last row removed', async () => {
      const last = (await rows(env.db, 'notify')).at(-1);
      assert.ok(last);
      const broken = await tampered(
        () => asTamperer(env.db, `DELETE FROM notify.audit_event WHERE seq = $1`, [last.seq]),
        () => putBack('notify', last),
      );
      assert.equal(broken.status, 1);
      assert.match(
        broken.stderr,
        new RegExp(`notify.audit_event: BROKEN at seq ${last.seq}: missing`),
      );
    });

    it('audit:verify names the first rows removed without a purge checkpoint', async () => {
      const [first] = await rows(env.db, 'notify');
      assert.ok(first);
      const broken = await tampered(
        () => asTamperer(env.db, `DELETE FROM notify.audit_event WHERE seq = 1`),
        () => putBack('notify', first),
      );
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, /notify.audit_event: BROKEN at seq 1: missing/);
    });

    it('audit:verify names a row added behind the services', async () => {
      const last = (await rows(env.db, 'routing')).at(-1);
      assert.ok(last);
      const next = String(Number(last.seq) + 1);
      // Well formed and linked: only the chain head tells that no service wrote it.
      const added = auditRecordOf({ ...last, seq: next, id: randomUUID(), prev_hash: last.hash });
      const hash = chainHash(added.prevHash, canonicalAuditRecord('routing', added));
      const broken = await tampered(
        () => putBack('routing', { ...last, seq: next, id: added.id, prev_hash: last.hash, hash }),
        () => asTamperer(env.db, `DELETE FROM routing.audit_event WHERE seq = $1`, [next]),
      );
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, new RegExp(`routing.audit_event: BROKEN at seq ${next}: added`));
      const restored = await cli(env, 'audit:verify');
      assert.equal(restored.status, 0, restored.stderr);
    });
  },
);

describe('the retention purge keeps the chain verifiable', { timeout: 120_000 }, () => {
  let env: TestEnvironment;
  const YEAR = 365 * 86_400_000;

  before(async () => {
    env = await createTestEnvironment();
    // Five entries four years old, then three of today, as routing would have written them.
    await appendUnitChanges(
      env,
      routingData,
      Array.from({ length: 8 }, (_, n) =>
        n < 5 ? new Date(Date.now() - 4 * YEAR + n * 1_000) : undefined,
      ),
    );
  });

  after(async () => {
    await env.dispose();
  });

  it('removes the old entries, records a checkpoint, and the chain verifies from it', async () => {
    const purged = await cli(env, 'audit:purge');
    assert.equal(purged.status, 0, purged.stderr);
    assert.match(
      purged.stdout,
      /routing.audit_event: 5 entries older than 1095 days removed; the chain starts at seq 6/,
    );
    const kept = await rows(env.db, 'routing');
    assert.deepEqual(
      kept.map((r) => [r.seq, r.action]),
      [
        ['6', 'POST /api/v1/units'],
        ['7', 'POST /api/v1/units'],
        ['8', 'POST /api/v1/units'],
        ['9', 'audit.purge'],
      ],
    );
    assert.equal(kept.at(-1)?.detail['keptFromSeq'], '6');
    assert.match(kept.at(-1)?.actor_username ?? '', /^cli:/);
    const verified = await cli(env, 'audit:verify');
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /routing.audit_event: ok, 4 entries \(seq 6–9\)/);

    // Nothing more is old enough: a second purge removes nothing.
    const again = await cli(env, 'audit:purge');
    assert.match(again.stdout, /routing.audit_event: 0 entries/);
  });

  it('a row removed after the checkpoint is still found; a broken chain is not purged', async () => {
    const [first] = await rows(env.db, 'routing');
    assert.ok(first);
    await asTamperer(env.db, `DELETE FROM routing.audit_event WHERE seq = $1`, [first.seq]);
    const broken = await cli(env, 'audit:verify');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /routing.audit_event: BROKEN at seq 6: missing/);

    const refused = await cli(env, 'audit:purge');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /routing.audit_event is broken at seq 6; not purged/);
  });
});
