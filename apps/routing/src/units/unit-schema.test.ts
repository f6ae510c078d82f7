import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DivisionCatalogue } from './division-catalogue.js';
import { UnitSchemas } from './unit-schema.js';

const schemas = new UnitSchemas(DivisionCatalogue.load());

const bureau = {
  code: '510903-XFJ',
  name: '船山区信访局',
  kind: 'PETITION_BUREAU',
  level: 'COUNTY',
  divisionCode: '510903',
  superiorCode: '510900-XFJ',
};

/** field → code of each problem schemas.unit finds in a value. */
function problems(value: unknown): Record<string, string> {
  const result = schemas.unit.safeParse(value);
  if (result.success) return {};
  return Object.fromEntries(
    result.error.issues.map((issue) => [
      issue.path.join('.'),
      (issue as { params?: { code?: string } }).params?.code ?? issue.code,
    ]),
  );
}

describe('the unit schema', () => {
  it('refuses a body that is no object, without checking its division (found by fuzz:api)', () => {
    for (const value of [[], [[]], [bureau], 'unit', 7, null, true]) {
      assert.deepEqual(problems(value), { '': 'invalid_type' }, JSON.stringify(value));
    }
  });

  it('accepts a unit and fills in what is optional', () => {
    assert.deepEqual(schemas.unit.parse({ ...bureau, superiorCode: undefined }), {
      ...bureau,
      superiorCode: null,
      categories: [],
      contactEmail: null,
      contactPhone: null,
      active: true,
    });
  });

  it('keeps each category once and the duty mobile in national form', () => {
    const unit = schemas.unit.parse({
      ...bureau,
      categories: ['HOUSING', 'HOUSING', 'EDUCATION'],
      contactEmail: 'xfj.510903@example.gov.cn',
      contactPhone: '+86 139 0825 1234',
    });
    assert.deepEqual(unit.categories, ['HOUSING', 'EDUCATION']);
    assert.equal(unit.contactPhone, '13908251234');
  });

  it('takes an office landline as the duty phone, normalised', () => {
    const unit = schemas.unit.parse({ ...bureau, contactPhone: '（0825）2223344转801' });
    assert.equal(unit.contactPhone, '0825-2223344-801');
    assert.deepEqual(problems({ ...bureau, contactPhone: '2223344' }), {
      contactPhone: 'phone_invalid',
    });
  });

  it('takes unit codes as the job contract does', () => {
    assert.deepEqual(problems({ ...bureau, code: '510903-xfj' }), { code: 'unit_code_format' });
    assert.deepEqual(problems({ ...bureau, code: 'X' }), { code: 'unit_code_format' });
    assert.deepEqual(problems({ ...bureau, superiorCode: 'a b' }), {
      superiorCode: 'unit_code_format',
    });
    assert.deepEqual(problems({ ...bureau, code: 'SUINING_XFJ-2' }), {});
  });

  it('wants a division code of the length of the level, and a real division of it', () => {
    const at = (level: string, divisionCode: string) =>
      problems({ ...bureau, level, divisionCode });
    assert.deepEqual(at('PREFECTURE', '510900'), {});
    assert.deepEqual(at('COUNTY', '510981'), {});
    assert.deepEqual(at('TOWNSHIP', '510903100'), {});
    assert.deepEqual(at('PREFECTURE', '510903'), { divisionCode: 'division_level_mismatch' });
    assert.deepEqual(at('COUNTY', '510903100'), { divisionCode: 'division_level_mismatch' });
    assert.deepEqual(at('TOWNSHIP', '510903'), { divisionCode: 'division_level_mismatch' });
    // Well-formed, but no such division (or not of that level).
    assert.deepEqual(at('COUNTY', '510999'), { divisionCode: 'division_unknown' });
    assert.deepEqual(at('COUNTY', '510900'), { divisionCode: 'division_unknown' });
    assert.deepEqual(at('PREFECTURE', '519900'), { divisionCode: 'division_unknown' });
    assert.deepEqual(at('TOWNSHIP', '510903999'), { divisionCode: 'division_unknown' });
    assert.deepEqual(at('COUNTY', '51090X'), { divisionCode: 'division_code_format' });
  });

  it('reports every problem of a unit at once, each in Chinese and English', () => {
    const result = schemas.unit.safeParse({
      ...bureau,
      name: ' ',
      kind: 'BUREAU',
      divisionCode: '510999',
      categories: ['HOUSING', 'WEATHER'],
      contactEmail: 'not-an-address',
      contactPhone: '12345',
      extra: true,
    });
    assert.ok(!result.success);
    const byField = new Map(result.error.issues.map((issue) => [issue.path.join('.'), issue]));
    assert.deepEqual([...byField.keys()].sort(), [
      '',
      'categories.1',
      'contactEmail',
      'contactPhone',
      'divisionCode',
      'kind',
      'name',
    ]);
    assert.deepEqual((byField.get('divisionCode') as { params?: unknown }).params, {
      code: 'division_unknown',
      zh: '510999不是县级行政区划代码',
      en: '510999 is not a county-level division',
    });
  });

  it('lets a change name any field but the code', () => {
    assert.deepEqual(schemas.changes.parse({ active: false }), { active: false });
    assert.deepEqual(schemas.changes.parse({ superiorCode: null }), { superiorCode: null });
    assert.equal(schemas.changes.safeParse({ code: '510903-NEW' }).success, false);
  });

  it('wants a directory file to list at least one unit', () => {
    assert.equal(schemas.file.safeParse({ units: [] }).success, false);
    assert.equal(schemas.file.safeParse({ units: [bureau] }).success, true);
  });
});

describe('the division catalogue', () => {
  const divisions = DivisionCatalogue.load();

  it('knows prefectures, counties and townships by level', () => {
    assert.equal(divisions.find('PREFECTURE', '510900')?.name, '遂宁市');
    assert.equal(divisions.find('COUNTY', '510903')?.name, '船山区');
    assert.equal(divisions.find('TOWNSHIP', '510903001')?.name, '南津路街道');
    assert.equal(divisions.find('COUNTY', '510900'), undefined);
  });

  it('lists the townships of a county in code order', () => {
    const townships = divisions.townshipsOf('510903');
    assert.equal(townships.length, 24);
    assert.deepEqual(townships[0], { code: '510903001', name: '南津路街道', parentCode: '510903' });
    assert.equal(townships.at(-1)?.name, '唐家乡');
  });
});
