import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readLabelledFile } from './labelled-file.js';

const line = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    id: 'X1',
    title: '拖欠工资',
    content: '老板欠我工资三万元不给。',
    divisionCode: '510903012',
    expected: {
      nature: 'REQUEST',
      category: 'LABOR_SOCIAL_SECURITY',
      routeDivisionCode: '510903',
      triage: false,
    },
    ...overrides,
  });

describe('readLabelledFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labelled-'));

  it('reads the fixture format, with the level the label implies', () => {
    const path = join(dir, 'ok.jsonl');
    writeFileSync(
      path,
      [
        line({}),
        '',
        line({
          id: 'X2',
          expected: {
            nature: 'ACCUSATION',
            category: 'DISCIPLINE',
            routeDivisionCode: '510900',
            triage: false,
            accusedUnits: ['510903:GOVERNMENT'],
          },
        }),
        line({
          id: 'X3',
          divisionCode: '510900',
          expected: {
            nature: 'SUGGESTION',
            category: 'TRANSPORT',
            routeDivisionCode: '510900',
            triage: false,
          },
        }),
      ].join('\n'),
    );
    const read = readLabelledFile(path);
    assert.deepEqual(
      read.map((f) => [f.id, f.level, f.accusedUnits]),
      [
        ['X1', 'COUNTY', null],
        ['X2', 'PREFECTURE', ['510903:GOVERNMENT']],
        ['X3', null, null],
      ],
    );
  });

  it('stops at a malformed line and names it', () => {
    const path = join(dir, 'bad.jsonl');
    writeFileSync(
      path,
      [line({}), line({ id: 'X2', expected: { nature: 'REQUEST', category: 'NOPE' } })].join('\n'),
    );
    assert.throws(() => readLabelledFile(path), /bad\.jsonl:2:/);
  });
});
