import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoDirectory } from './demo-directory.js';
import { DivisionCatalogue } from './division-catalogue.js';
import { hierarchyIssues, superiorFirst } from './unit-hierarchy.js';
import { UnitSchemas } from './unit-schema.js';

const divisions = DivisionCatalogue.load();
const units = demoDirectory(divisions);
const byCode = new Map(units.map((unit) => [unit.code, unit]));

describe('the 遂宁市 demo directory', () => {
  it('passes the checks a directory file gets, and lists superiors first', () => {
    const schemas = new UnitSchemas(divisions);
    const result = schemas.file.safeParse({ units });
    assert.deepEqual(result.error?.issues ?? [], []);
    assert.deepEqual(hierarchyIssues(units, new Map()), []);
    assert.deepEqual(superiorFirst(units), units);
  });

  it('keeps the codes that accounts and routing rely on', () => {
    for (const code of ['510900-GOV', '510900-XFJ', '510903-XFJ', '510903-ZJJ', '510981-RSJ']) {
      assert.ok(byCode.has(code), code);
    }
  });

  it('has the government of every township of each county, under the county government', () => {
    const townships = units.filter((unit) => unit.level === 'TOWNSHIP');
    for (const county of ['510903', '510904', '510921', '510923', '510981']) {
      const expected = divisions.townshipsOf(county).map((township) => `${township.code}-GOV`);
      const actual = townships.filter((unit) => unit.superiorCode === `${county}-GOV`);
      assert.deepEqual(
        actual.map((unit) => unit.code),
        expected,
        county,
      );
    }
    assert.equal(byCode.get('510903001-GOV')?.name, '南津路街道办事处');
    assert.equal(byCode.get('510903100-GOV')?.name, '龙凤镇人民政府');
    assert.equal(byCode.get('510903203-GOV')?.name, '唐家乡人民政府');
    assert.equal(byCode.get('510903100-GOV')?.kind, 'GOVERNMENT');
  });

  it('gives each county- and prefecture-level unit a duty mailbox on an example domain', () => {
    assert.equal(byCode.get('510903-XFJ')?.contactEmail, 'xfj.510903@example.gov.cn');
    assert.equal(byCode.get('510981-RSJ')?.contactEmail, 'rsj.510981@example.gov.cn');
    for (const unit of units.filter((u) => u.level !== 'TOWNSHIP')) {
      assert.match(unit.contactEmail ?? '', /^[a-z]+\.\d{6}@example\.gov\.cn$/, unit.code);
    }
    assert.ok(units.every((unit) => unit.contactPhone === null && unit.active));
  });
});
