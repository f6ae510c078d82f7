import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hierarchyIssues, superiorFirst, type UnitLink } from './unit-hierarchy.js';

// 510900-GOV ← 510903-GOV ← 510903-ZJJ, as in the database.
const existing = new Map<string, string | null>([
  ['510900-GOV', null],
  ['510903-GOV', '510900-GOV'],
  ['510903-ZJJ', '510903-GOV'],
]);
const link = (code: string, superiorCode: string | null = null): UnitLink => ({
  code,
  superiorCode,
});
const found = (incoming: UnitLink[]) =>
  hierarchyIssues(incoming, existing).map(({ index, field, code }) => [index, field, code]);

describe('the unit hierarchy', () => {
  it('accepts superiors that exist or come in the same list, in any order', () => {
    assert.deepEqual(
      found([link('510904-ZJJ', '510904-GOV'), link('510904-GOV', '510900-GOV')]),
      [],
    );
    assert.deepEqual(found([link('510903-ZJJ', '510900-GOV')]), [], 'moved up a level');
  });

  it('refuses a superior that does not exist', () => {
    assert.deepEqual(found([link('510904-GOV', '510904-NONE')]), [
      [0, 'superiorCode', 'superior_unknown'],
    ]);
  });

  it('refuses a unit above itself, directly or through others', () => {
    assert.deepEqual(found([link('510903-GOV', '510903-GOV')]), [
      [0, 'superiorCode', 'superior_cycle'],
    ]);
    // 510900-GOV under the unit below it.
    assert.deepEqual(found([link('510900-GOV', '510903-ZJJ')]), [
      [0, 'superiorCode', 'superior_cycle'],
    ]);
    // Two new units under each other: both are told.
    assert.deepEqual(found([link('A1', 'B1'), link('B1', 'A1'), link('C1', 'A1')]), [
      [0, 'superiorCode', 'superior_cycle'],
      [1, 'superiorCode', 'superior_cycle'],
    ]);
  });

  it('refuses a code listed twice, at its second place', () => {
    const issues = hierarchyIssues([link('X1'), link('Y1'), link('X1')], existing);
    assert.deepEqual(
      issues.map(({ index, field, code }) => [index, field, code]),
      [[2, 'code', 'unit_code_repeated']],
    );
    assert.deepEqual(issues[0]?.messages, {
      zh: '单位代码X1重复，第1个单位已使用',
      en: 'unit code X1 is already used by unit 1',
    });
  });

  it('orders superiors before the units under them, otherwise keeping the list order', () => {
    const units = [
      link('T1', 'C1'),
      link('D1', '510900-GOV'),
      link('C1', 'P1'),
      link('P1'),
      link('T2', 'C1'),
    ];
    assert.deepEqual(
      superiorFirst(units).map((unit) => unit.code),
      ['P1', 'C1', 'T1', 'D1', 'T2'],
    );
  });
});
