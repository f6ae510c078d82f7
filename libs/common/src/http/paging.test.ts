import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { pageOffset, pagingFields } from './paging.js';

describe('paging', () => {
  it('reads page and pageSize from a query string, with the list’s default and limit', () => {
    const query = z.strictObject(pagingFields(200, 50));
    assert.deepEqual(query.parse({}), { page: 1, pageSize: 50 });
    assert.deepEqual(query.parse({ page: '3', pageSize: '200' }), { page: 3, pageSize: 200 });
    assert.equal(query.safeParse({ pageSize: '201' }).success, false);
    assert.equal(query.safeParse({ page: '0' }).success, false);
  });

  it('skips the rows of the pages before', () => {
    assert.equal(pageOffset({ page: 1, pageSize: 20 }), 0);
    assert.equal(pageOffset({ page: 3, pageSize: 20 }), 40);
  });
});
