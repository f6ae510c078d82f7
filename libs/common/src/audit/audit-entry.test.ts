import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalAuditRecord,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  type AuditRecord,
} from './audit-entry.js';
import type { AuthenticatedRequest } from '../auth/decorators.js';
import { outcomeOf } from './audit-context.js';
import { routeEntry } from './audit-requests.js';

/** The case number and target a POST to `path` would be recorded with. */
function routeEntryIds(path: string, params: Record<string, string>, body: unknown) {
  const request = { method: 'POST', route: { path }, params, body } as AuthenticatedRequest;
  const { caseNo, target } = routeEntry(request, 201);
  return { caseNo, target };
}

const row: Omit<AuditRecord, 'prevHash' | 'hash'> = {
  seq: '7',
  id: '0b6f2f0e-8c1c-4f0a-9d1e-3f5c2a7b9e10',
  occurredAt: new Date('2026-11-22T03:04:05.678Z'),
  actorId: null,
  actorUsername: 'chuanshan.housing',
  actorUnit: '510903-ZJJ',
  clientIp: '10.1.2.3',
  action: 'case.view',
  outcome: 'SUCCESS',
  caseNo: 'XF-510903-20261122-000001',
  targetType: 'petition',
  targetId: 'f5b0c7de-1b7a-4c55-9a0a-8f6a2e4d1c33',
  status: null,
  detail: { personalData: 'FULL', petitioners: 1 },
  correlationId: 'abc12345',
};

describe('the canonical form and hash of an audit entry', () => {
  it('one text whatever the order of keys', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('every column counts, and so do the chain and the previous hash', () => {
    const base = chainHash(GENESIS_HASH, canonicalAuditRecord('intake', row));
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(base, chainHash(GENESIS_HASH, canonicalAuditRecord('intake', { ...row })));
    const changes: Partial<typeof row>[] = [
      { seq: '8' },
      { occurredAt: new Date('2026-11-22T03:04:05.679Z') },
      { actorUsername: 'someone.else' },
      { actorUnit: null },
      { clientIp: '10.1.2.4' },
      { action: 'attachment.download' },
      { outcome: 'DENIED' },
      { caseNo: 'XF-510903-20261122-000002' },
      { status: 200 },
      { detail: { personalData: 'MASKED', petitioners: 1 } },
      { correlationId: null },
    ];
    for (const change of changes) {
      assert.notEqual(
        chainHash(GENESIS_HASH, canonicalAuditRecord('intake', { ...row, ...change })),
        base,
        JSON.stringify(change),
      );
    }
    assert.notEqual(chainHash(GENESIS_HASH, canonicalAuditRecord('routing', row)), base);
    assert.notEqual(chainHash('1'.repeat(64), canonicalAuditRecord('intake', row)), base);
  });

  it('statuses are outcomes; a request keeps ids and codes, never other text', () => {
    assert.deepEqual([200, 201, 401, 403, 404, 409, 429, 500].map(outcomeOf), [
      'SUCCESS',
      'SUCCESS',
      'DENIED',
      'DENIED',
      'FAILURE',
      'FAILURE',
      'DENIED',
      'FAILURE',
    ]);
    assert.deepEqual(
      routeEntryIds('/api/v1/units/:code', { code: '510903-ZJJ' }, { name: '李晓燕' }),
      { caseNo: null, target: { type: 'units', id: '510903-ZJJ' } },
    );
    assert.deepEqual(
      routeEntryIds('/api/v1/urgent-alerts', {}, { caseNo: 'XF-510903-20261122-000001' }),
      { caseNo: 'XF-510903-20261122-000001', target: null },
    );
    // A body's code may be a one-time verification code: not kept.
    assert.deepEqual(routeEntryIds('/api/v1/public/verifications', {}, { code: '482913' }), {
      caseNo: null,
      target: null,
    });
    assert.deepEqual(
      routeEntryIds('/api/v1/duty-rosters/:scope', { scope: '李晓燕 13280837583' }, {}),
      { caseNo: null, target: { type: 'duty-rosters', id: '(not an id)' } },
    );
  });
});
