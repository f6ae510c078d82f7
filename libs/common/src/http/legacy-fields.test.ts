import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modernise } from './legacy-fields.js';

describe("an earlier client's request, in today's shape", () => {
  it('renames a body field when the new name is absent', () => {
    const legacy = { renamed: { toUnitCode: 'unitCode' } };
    assert.deepEqual(modernise(legacy, { toUnitCode: 'A', reason: 'r' }, {}), {
      body: { unitCode: 'A', reason: 'r' },
      query: {},
    });
    // Both given: nothing is guessed; the strict schema refuses the old one as unknown.
    assert.deepEqual(modernise(legacy, { toUnitCode: 'A', unitCode: 'B' }, {}).body, {
      toUnitCode: 'A',
      unitCode: 'B',
    });
  });

  it('moves a body field to an empty place in the query string', () => {
    const legacy = { movedToQuery: ['queryCode'] };
    assert.deepEqual(modernise(legacy, { queryCode: 'C', evaluation: 'SATISFIED' }, {}), {
      body: { evaluation: 'SATISFIED' },
      query: { queryCode: 'C' },
    });
    assert.deepEqual(modernise(legacy, { queryCode: 'C' }, { queryCode: 'Q' }), {
      body: { queryCode: 'C' },
      query: { queryCode: 'Q' },
    });
  });

  it('renames a query parameter when the new name is absent', () => {
    const legacy = { renamedInQuery: { unit: 'unitCode' } };
    assert.deepEqual(modernise(legacy, undefined, { unit: 'A', page: '2' }).query, {
      unitCode: 'A',
      page: '2',
    });
    assert.deepEqual(modernise(legacy, undefined, { unit: 'A', unitCode: 'B' }).query, {
      unit: 'A',
      unitCode: 'B',
    });
  });

  it('leaves a body that is no object as it is', () => {
    const legacy = { movedToQuery: ['queryCode'] };
    assert.deepEqual(modernise(legacy, ['queryCode'], {}), { body: ['queryCode'], query: {} });
    assert.deepEqual(modernise(legacy, undefined, { a: '1' }), {
      body: undefined,
      query: { a: '1' },
    });
  });
});
