import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFuzzReport, fuzzApi, type FuzzReport } from '../support/fuzz-api.js';

/**
 * A short run of `npm run fuzz:api` (issue 12): malformed requests to every route the three
 * applications and the queue board serve, discovered from the applications themselves. None
 * may get a 5xx, none may write a row outside the audit records, and no route may be missed.
 */
describe('API fuzz: malformed requests to every route', { timeout: 600_000 }, () => {
  let report: FuzzReport;

  it('answers 1,500 malformed requests without a 5xx', async () => {
    report = await fuzzApi({ seed: 1207, requests: 1_500, concurrency: 4 });
    const summary = describeFuzzReport(report);
    assert.equal(report.requests, 1_500, summary);
    assert.deepEqual(report.crashed, [], summary);
    assert.deepEqual(
      report.serverErrors.map((f) => `${f.status} ${f.method} ${f.path} ${f.answer}`),
      [],
      summary,
    );
  });

  it('writes no row outside the audit records of refusals', () => {
    assert.deepEqual(Object.fromEntries(report.rowsWritten), {}, describeFuzzReport(report));
  });

  it('exercises every discovered route of the three services and the board', () => {
    const services = new Set(report.routes.map((r) => r.service));
    assert.deepEqual([...services].sort(), ['intake', 'notify', 'routing']);
    assert.ok(
      report.routes.some((r) => r.board && r.handler === 'board'),
      'the board is discovered',
    );
    assert.ok(
      report.routes.some((r) => r.path === '/api/v1/public/petitions' && r.method === 'POST'),
      'the public form is discovered',
    );
    assert.deepEqual(report.unexercised, []);
  });

  it('reaches validation and the handlers rather than only the guards', () => {
    // Valid tokens of the right roles and raised limits: most body errors are 400s, not 401/403/429.
    assert.ok((report.statuses.get(400) ?? 0) > 300, describeFuzzReport(report));
    assert.ok((report.statuses.get(404) ?? 0) > 50, describeFuzzReport(report));
    assert.equal(report.tooManyRequests, 0, describeFuzzReport(report));
  });
});
