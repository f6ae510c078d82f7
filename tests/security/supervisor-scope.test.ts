import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { Queue } from 'bullmq';
import { QueueName } from '#common';
import { eventually } from '../support/eventually.js';
import { registerHousingLetter, request } from '../support/http.js';
import { withSystem } from '../support/system.js';
import { createStaff, createRetiredStaff, signedIn, staffIdsByUsername } from '../support/staff.js';

const SUPERVISORS = ['chuanshan.supervisor', 'shehong.supervisor', 'suining.supervisor'] as const;
type Supervisor = (typeof SUPERVISORS)[number];

describe(
  'supervisors see notifications, dead letters, rosters and queues within their scope',
  {
    timeout: 300_000,
  },
  () => {
    const sut = withSystem({
      demo: true,
      prepare: async (env) => {
        await createStaff(env.config, 'chuanshan.supervisor', '510903-XFJ', ['supervisor']);
        await createStaff(env.config, 'shehong.supervisor', '510981-XFJ', ['supervisor']);
        await createStaff(env.config, 'shehong.staff', '510981-ZJJ', ['handler']);
        await createRetiredStaff(env, 'zjj.retired', '510903-ZJJ', ['handler']);
        Object.assign(ids, await staffIdsByUsername(env.db));
      },
    });
    const tokens = signedIn(sut, [
      'admin',
      'suining.registrar',
      'chuanshan.handler',
      ...SUPERVISORS,
    ]);
    const ids: Record<string, string> = {};
    /** Dead letters: one to a unit of 船山区, one to a unit of 射洪市, one to a petitioner. */
    const failed = { chuanshan: randomUUID(), shehong: randomUUID(), petitioner: randomUUID() };
    let petitionId: string;

    const notify = (path: string) => `${sut.system.notify.url}/api/v1/${path}`;

    before(async () => {
      // A case of 船山区, given to its housing bureau.
      const { caseNo } = await registerHousingLetter(
        sut.system.intake.url,
        tokens['suining.registrar'],
      );
      petitionId = await eventually(async () => {
        const { rows: assigned } = await sut.env.db.query<{ petition_id: string }>(
          `SELECT petition_id FROM routing.assignment WHERE case_no = $1 AND unit_code = '510903-ZJJ'`,
          [caseNo],
        );
        return assigned[0]?.petition_id;
      }, 'the case to be assigned');
      for (const [id, kind, recipient] of [
        [failed.chuanshan, 'UNIT', '510903-ZJJ'],
        [failed.shehong, 'UNIT', '510981-ZJJ'],
        [failed.petitioner, 'PETITIONER', randomUUID()],
      ] as const) {
        await sut.env.db.query(
          `INSERT INTO notify.notification (id, petition_id, channel, recipient_kind, recipient,
           template, variables, status, attempts, error_code)
         VALUES ($1, $2, 'sms', $3, $4, $5, $6, 'FAILED', 6, 'TEST')`,
          [
            id,
            petitionId,
            kind,
            recipient,
            kind === 'UNIT' ? 'assignment.co-handler' : 'case.assigned',
            {
              caseNo,
              ...(kind === 'PETITIONER' && { unitName: '住建局' }),
            },
          ],
        );
      }
    });

    it('lists dead letters and opens notifications within the scope only', async () => {
      const seen = async (user: string) => {
        const response = await request<{ items: { id: string }[] }>(
          'GET',
          notify('notifications/failed?pageSize=100'),
          { token: tokens[user] },
        );
        assert.equal(response.status, 200);
        const mine = new Set<string>(Object.values(failed));
        return response.body.items
          .map((n) => n.id)
          .filter((id) => mine.has(id))
          .sort();
      };
      assert.deepEqual(await seen('shehong.supervisor'), [failed.shehong]);
      assert.deepEqual(
        await seen('chuanshan.supervisor'),
        [failed.chuanshan, failed.petitioner].sort(),
      );
      assert.deepEqual(await seen('suining.supervisor'), Object.values(failed).sort());
      assert.deepEqual(await seen('admin'), Object.values(failed).sort());

      const open = async (user: string, id: string) =>
        (await request('GET', notify(`notifications/${id}`), { token: tokens[user] })).status;
      assert.equal(await open('shehong.supervisor', failed.chuanshan), 404);
      assert.equal(await open('shehong.supervisor', failed.petitioner), 404);
      assert.equal(await open('shehong.supervisor', failed.shehong), 200);
      assert.equal(await open('chuanshan.supervisor', failed.chuanshan), 200);
      assert.equal(await open('admin', failed.shehong), 200);
    });

    it('takes roster entries only for active staff of the unit, and shows rosters within the scope', async () => {
      const put = (scope: string, staffIds: (string | undefined)[]) =>
        request<{
          errors?: { field: string; code: string; messages: { zh: string; en: string } }[];
        }>('PUT', notify(`duty-rosters/${scope}`), {
          token: tokens.admin,
          body: {
            entries: staffIds.map((staffId, i) => ({ staffId, phone: `1370000100${i}` })),
          },
        });
      const refused = await put('510903-ZJJ', [
        randomUUID(),
        ids['shehong.staff'],
        ids['zjj.retired'],
        ids['chuanshan.housing.leader'],
      ]);
      assert.equal(refused.status, 400);
      const errors = refused.body.errors ?? [];
      assert.deepEqual(
        errors.map((e) => [e.field, e.code]),
        [
          ['entries[0].staffId', 'STAFF_NOT_IN_UNIT'],
          ['entries[1].staffId', 'STAFF_NOT_IN_UNIT'],
          ['entries[2].staffId', 'STAFF_NOT_IN_UNIT'],
        ],
      );
      assert.deepEqual(errors.at(0)?.messages, {
        zh: '值班人员须为本单位的在职工作人员',
        en: 'Not an active member of staff of this unit',
      });
      const { rows } = await sut.env.db.query(`SELECT 1 FROM notify.duty_roster_entry`);
      assert.equal(rows.length, 0, 'nothing written');
      assert.equal(
        (await put('510903-ZJJ', [ids['chuanshan.housing.leader'], ids['chuanshan.housing']]))
          .status,
        200,
      );
      // A territory's roster takes staff of the units of the territory.
      const outside = await put('510903', [ids['shehong.staff']]);
      assert.deepEqual(
        outside.body.errors?.map((e) => e.field),
        ['entries[0].staffId'],
      );
      assert.equal((await put('510903', [ids['chuanshan.leader'], undefined])).status, 200);
      assert.equal((await put('510981-ZJJ', [ids['shehong.staff']])).status, 200);

      const read = async (user: Supervisor | 'admin', scope: string) =>
        (await request('GET', notify(`duty-rosters/${scope}`), { token: tokens[user] })).status;
      assert.equal(await read('shehong.supervisor', '510903-ZJJ'), 403);
      assert.equal(await read('shehong.supervisor', '510903'), 403);
      assert.equal(await read('shehong.supervisor', '510981-ZJJ'), 200);
      assert.equal(await read('chuanshan.supervisor', '510903-ZJJ'), 200);
      assert.equal(await read('chuanshan.supervisor', '510903'), 200);
      assert.equal(await read('chuanshan.supervisor', '510981-ZJJ'), 403);
      assert.equal(await read('suining.supervisor', '510981-ZJJ'), 200);
      assert.equal(await read('suining.supervisor', '510903'), 200);
      assert.equal(await read('admin', '510903'), 200);
    });

    it('shows a supervisor on the queue board only the jobs within their scope', async () => {
      const queue = new Queue(QueueName.Routing, {
        connection: { url: sut.env.config.REDIS_URL },
        prefix: sut.env.config.QUEUE_PREFIX,
      });
      try {
        // Jobs routing refuses at once (their payloads break the contract): failed jobs to list.
        const add = async (name: 'deadline.overdue' | 'reply.evaluated', payload: object) =>
          (
            await queue.add(
              name,
              { messageId: randomUUID(), correlationId: 'scope-test', payload },
              { attempts: 1 },
            )
          ).id ?? '';
        const jobs = {
          chuanshan: await add('deadline.overdue', { unitCode: '510903-ZJJ' }),
          shehong: await add('deadline.overdue', { unitCode: '510981-ZJJ' }),
          petition: await add('reply.evaluated', { petitionId }),
        };
        await eventually(async () => (await queue.getFailedCount()) >= 3, 'the jobs to fail');

        const listed = async (user: string) => {
          const response = await request<{ queues: { name: string; jobs: { id: string }[] }[] }>(
            'GET',
            `${sut.system.routing.url}/admin/queues/api/queues?activeQueue=routing&status=failed&jobsPerPage=50`,
            { token: tokens[user] },
          );
          assert.equal(response.status, 200);
          const routing = response.body.queues.find((q) => q.name === 'routing');
          const ours = new Set(Object.values(jobs));
          return (routing?.jobs ?? [])
            .map((j) => j.id)
            .filter((id) => ours.has(id))
            .sort();
        };
        assert.deepEqual(await listed('shehong.supervisor'), [jobs.shehong]);
        assert.deepEqual(
          await listed('chuanshan.supervisor'),
          [jobs.chuanshan, jobs.petition].sort(),
        );
        assert.deepEqual(await listed('suining.supervisor'), Object.values(jobs).sort());
        assert.deepEqual(await listed('admin'), Object.values(jobs).sort());

        const job = async (user: string, id: string) =>
          (
            await request(
              'GET',
              `${sut.system.routing.url}/admin/queues/api/queues/routing/${id}`,
              {
                token: tokens[user],
              },
            )
          ).status;
        assert.equal(await job('shehong.supervisor', jobs.chuanshan), 404);
        assert.equal(await job('shehong.supervisor', jobs.petition), 404);
        assert.equal(await job('shehong.supervisor', jobs.shehong), 200);
        assert.equal(await job('chuanshan.supervisor', jobs.petition), 200);
        const logs = await request(
          'GET',
          `${sut.system.routing.url}/admin/queues/api/queues/routing/${jobs.chuanshan}/logs`,
          { token: tokens['shehong.supervisor'] },
        );
        assert.equal(logs.status, 404);
      } finally {
        await queue.close();
      }
    });
  },
);
