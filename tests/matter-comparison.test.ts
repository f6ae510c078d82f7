import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '#common';
import { StoredMatterTerms1765950000000 } from '../apps/intake/src/database/migrations/1765950000000-stored-matter-terms.js';
import { storedTerms } from '../apps/intake/src/repeats/matter-terms.repository.js';
import { MatterSimilarity } from '../apps/intake/src/repeats/matter-similarity.js';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { distinctPetitioner, request, samplePetition } from './support/http.js';
import { freePort, ServiceProcess } from './support/processes.js';

const matter = MatterSimilarity.shared();

interface Text {
  title: string;
  content: string;
}

/** What owners of an estate write about two matters: their undelivered flats, a street light. */
const flats = (estate: string): [Text, Text] => [
  {
    title: `${estate}逾期一年不交房`,
    content: `${estate}7栋业主，合同约定2024年底交房，工地停工一年多，开发商拖延不复工，请求政府督促复工交房。`,
  },
  {
    title: `${estate}项目烂尾，请求保交楼`,
    content: `我们是${estate}8栋购房户，项目停工，塔吊拆了，预售资金去向不明，请把${estate}纳入保交楼，尽快复工交房。`,
  },
];
const lights = (estate: string): [Text, Text] => [
  {
    title: `${estate}小区门口路灯不亮`,
    content: `${estate}小区门口市政道路路灯坏了两个月，晚上很黑，请求修复路灯。`,
  },
  {
    title: `${estate}门口路灯坏了没人修`,
    content: `${estate}小区门口的路灯坏了很久，晚上出行很黑不安全，请求尽快修复路灯。`,
  },
];
const WAGES = {
  title: '反映涪江壹号项目拖欠农民工工资问题',
  content:
    '我在射洪市太和街道涪江壹号项目工地做钢筋工，包工头周某拖欠工资38600元，有欠条。项目部说劳务费已拨给川顺公司，川顺公司推说在对账。请求政府督促支付欠薪。',
};
const WAGES_AGAIN = {
  title: '涪江壹号工地欠薪至今未解决',
  content:
    '上个月反映的涪江壹号项目拖欠我钢筋工工资38600元的事情，川顺公司和包工头周某到现在还没给钱，请政府抓紧督促支付拖欠的农民工工资。',
};
const BENEFIT = {
  title: '父亲低保被取消',
  content: '我父亲今年78岁，一直享受农村低保，上个月镇上复核后把低保取消了，请求重新核查恢复低保。',
};

describe(
  'earlier petitions are compared by their stored term vectors',
  { timeout: 180_000 },
  () => {
    let env: TestEnvironment;
    let intake: ServiceProcess;
    let people = 0;

    const submit = async (text: Text, petitioner?: object) => {
      const response = await request<{ caseNo: string }>(
        'POST',
        `${intake.url}/api/v1/public/petitions`,
        {
          body: samplePetition({
            ...text,
            petitioners: [petitioner ?? distinctPetitioner(people++)],
          }),
        },
      );
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body.caseNo;
    };
    const petition = async (caseNo: string) => {
      const { rows } = await env.db.query<{
        id: string;
        hotspot_id: string | null;
        repeat_of: string | null;
      }>('SELECT id, hotspot_id, repeat_of FROM intake.petition WHERE case_no = $1', [caseNo]);
      const [row] = rows;
      assert.ok(row, caseNo);
      return row;
    };
    /** Gives a registered petition another text: what later registrations must never read. */
    const rewriteText = (caseNo: string, text: Text) =>
      env.db.query('UPDATE intake.petition SET title = $2, content = $3 WHERE case_no = $1', [
        caseNo,
        text.title,
        text.content,
      ]);

    before(async () => {
      env = await createTestEnvironment();
      // Two comparisons at most, so that the limit is reached with a few petitions.
      intake = new ServiceProcess('intake', await freePort(), {
        ...env.env,
        MATTER_COMPARISON_LIMIT: '2',
      });
      intake.start();
      await intake.waitUntil('ready');
    });

    after(async () => {
      await intake.stop();
      await env.dispose();
    });

    it('registration stores the vector and entities of each petition, read once', async () => {
      const [text] = flats('翠湖名苑');
      const { id } = await petition(await submit(text));
      const stored = await env.db.query<{ terms: [string, number][] }>(
        'SELECT terms FROM intake.petition_terms WHERE petition_id = $1',
        [id],
      );
      assert.deepEqual(stored.rows[0]?.terms, [...matter.terms(text.title, text.content)]);
      const entities = await env.db.query(
        'SELECT entity, prefecture FROM intake.petition_entity WHERE petition_id = $1',
        [id],
      );
      assert.deepEqual(entities.rows, [{ entity: '翠湖名苑', prefecture: '510900' }]);
    });

    it('a repeat is found by the stored vector of the original, whatever its text now says', async () => {
      const person = distinctPetitioner(9_001);
      const original = await submit(WAGES, person);
      await rewriteText(original, BENEFIT);
      const again = await submit(WAGES_AGAIN, person);
      assert.equal((await petition(again)).repeat_of, (await petition(original)).id);
    });

    it('hotspot neighbours are compared by their stored vectors, not their text', async () => {
      const [flat, otherFlat] = flats('金桂花园');
      const [light, otherLight] = lights('银松花园');

      // Read as flats when registered: its text, changed since, no longer matters.
      const first = await submit(flat);
      await rewriteText(first, light);
      const second = await submit(otherFlat);
      const hotspot = (await petition(second)).hotspot_id;
      assert.ok(hotspot, 'linked by the stored vector');
      assert.equal((await petition(first)).hotspot_id, hotspot);

      // A stored vector of another matter keeps a petition out, though its text is the same matter.
      const lamp = await submit(light);
      await env.db.query(
        `UPDATE intake.petition_terms SET terms = $2
       WHERE petition_id = (SELECT id FROM intake.petition WHERE case_no = $1)`,
        [lamp, storedTerms(matter.terms(flat.title, flat.content))],
      );
      const otherLamp = await submit(otherLight);
      assert.equal((await petition(otherLamp)).hotspot_id, null);
    });

    it('compares with MATTER_COMPARISON_LIMIT earlier petitions at most, the most recent', async () => {
      // The lights of 云霞花园 were reported before two owners wrote about their flats: the third
      // most recent petition about the estate is beyond the limit of two, and is not compared.
      const [flat, otherFlat] = flats('云霞花园');
      const [light, otherLight] = lights('云霞花园');
      const early = await submit(light);
      await submit(flat);
      await submit(otherFlat);
      const late = await submit(otherLight);
      assert.equal((await petition(late)).hotspot_id, null);
      assert.equal((await petition(early)).hotspot_id, null);

      // The same petitions, the lights reported among the two most recent: linked.
      const [flat2, otherFlat2] = flats('星月花园');
      const [light2, otherLight2] = lights('星月花园');
      await submit(flat2);
      await submit(otherFlat2);
      const recent = await submit(light2);
      const next = await submit(otherLight2);
      const hotspot = (await petition(next)).hotspot_id;
      assert.ok(hotspot);
      assert.equal((await petition(recent)).hotspot_id, hotspot);
    });
  },
);

describe('the migration to stored term vectors', { timeout: 120_000 }, () => {
  it('computes the vector of every petition registered before it, and dates its entities', async () => {
    const env = await createTestEnvironment();
    const dataSource = new DataSource(
      serviceDataSourceOptions(env.config, { schema: 'intake', entities: [], migrations: [] }),
    );
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    try {
      const migration = new StoredMatterTerms1765950000000();
      await migration.down(runner);
      const id = randomUUID();
      const [, text] = flats('翠湖名苑');
      await env.db.query(
        `INSERT INTO intake.petition (id, case_no, query_code_hash, channel, title, content,
           division_code, address, person_count, status, received_at)
         VALUES ($1, 'OLD-1', 'x', 'ONLINE', $2, $3, '510903012', '', 1, 'RECEIVED',
                 '2026-11-01T08:00:00+08:00')`,
        [id, text.title, text.content],
      );
      await env.db.query(
        `INSERT INTO intake.petition_entity (petition_id, entity) VALUES ($1, '翠湖名苑')`,
        [id],
      );

      await migration.up(runner);
      const terms = await env.db.query<{ terms: [string, number][] }>(
        'SELECT terms FROM intake.petition_terms WHERE petition_id = $1',
        [id],
      );
      assert.deepEqual(terms.rows[0]?.terms, [...matter.terms(text.title, text.content)]);
      const entity = await env.db.query<{ prefecture: string; received_at: Date }>(
        'SELECT prefecture, received_at FROM intake.petition_entity WHERE petition_id = $1',
        [id],
      );
      const [dated] = entity.rows;
      assert.ok(dated);
      assert.equal(dated.prefecture, '510900');
      assert.equal(dated.received_at.toISOString(), '2026-11-01T00:00:00.000Z');
    } finally {
      await runner.release();
      await dataSource.destroy();
      await env.dispose();
    }
  });
});
