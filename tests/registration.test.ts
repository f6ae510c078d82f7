import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { login, request, samplePetition } from './support/http.js';
import { withSystem } from './support/system.js';

type Receipt = { caseNo: string; queryCode: string };

describe('registration from every channel, once per request', { timeout: 180_000 }, () => {
  const sut = withSystem({ demo: true });
  let registrar: string;
  let publicUrl: string;
  let staffUrl: string;

  before(async () => {
    registrar = await login(sut.system.routing.url, 'chuanshan.handler');
    publicUrl = `${sut.system.intake.url}/api/v1/public/petitions`;
    staffUrl = `${sut.system.intake.url}/api/v1/petitions`;
  });

  const petitionCount = async () =>
    (await sut.env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intake.petition'))
      .rows[0]?.n;

  it('a registrar registers a visit back-dated to the day it happened', async () => {
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    const response = await request<Receipt>('POST', staffUrl, {
      token: registrar,
      body: {
        ...samplePetition({ personCount: 7 }),
        channel: 'VISIT',
        category: 'HOUSING',
        receivedAt: threeDaysAgo.toISOString(),
      },
    });
    assert.equal(response.status, 201);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(threeDaysAgo)
      .replaceAll('-', '');
    assert.match(response.body.caseNo, new RegExp(`^XF-510903-${day}-\\d{6}$`));
    const view = await request<{ petition: Record<string, unknown> }>(
      'GET',
      `${staffUrl}/${response.body.caseNo}`,
      { token: registrar },
    );
    assert.equal(view.status, 200, 'the registering unit sees its case');
    assert.equal(view.body.petition.channel, 'VISIT');
    assert.equal(view.body.petition.category, 'HOUSING');
    assert.equal(view.body.petition.registeredByUnit, '510903-XFJ');
    assert.equal(view.body.petition.receivedAt, threeDaysAgo.toISOString());
  });

  it('a transferred petition needs its source, and an anonymous one must be an accusation', async () => {
    const transferred = { ...samplePetition(), channel: 'TRANSFERRED' };
    const missing = await request<{ errors: { field: string; code: string }[] }>('POST', staffUrl, {
      token: registrar,
      body: transferred,
    });
    assert.equal(missing.status, 400);
    assert.deepEqual(
      missing.body.errors.map((e) => [e.field, e.code]),
      [['transfer', 'transfer_required']],
    );
    const complete = await request<Receipt>('POST', staffUrl, {
      token: registrar,
      body: {
        ...transferred,
        transfer: {
          sourceBody: '四川省信访局',
          referenceNo: '川访转〔2026〕118号',
          reportBackDueOn: '2026-12-31',
        },
      },
    });
    assert.equal(complete.status, 201);

    const anonymous = { ...samplePetition(), channel: 'LETTER', petitioners: [] };
    const notAccusation = await request<{ errors: { code: string }[] }>('POST', staffUrl, {
      token: registrar,
      body: anonymous,
    });
    assert.deepEqual(
      notAccusation.body.errors.map((e) => e.code),
      ['petitioner_required'],
    );
    const accusation = await request('POST', staffUrl, {
      token: registrar,
      body: { ...anonymous, nature: 'ACCUSATION' },
    });
    assert.equal(accusation.status, 201);
  });

  it('only registrars register, and not in the future', async () => {
    const leader = await login(sut.system.routing.url, 'chuanshan.leader');
    const body = { ...samplePetition(), channel: 'LETTER' };
    assert.equal((await request('POST', staffUrl, { token: leader, body })).status, 403);
    assert.equal((await request('POST', staffUrl, { body })).status, 401);
    const future = await request<{ errors: { code: string }[] }>('POST', staffUrl, {
      token: registrar,
      body: { ...body, receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    assert.deepEqual(
      future.body.errors.map((e) => e.code),
      ['received_at_range'],
    );
  });

  it('a retried request with the same Idempotency-Key gets the first receipt; another body is a 409', async () => {
    const before = await petitionCount();
    const headers = { 'idempotency-key': 'retry-0001-abcdef' };
    const first = await request<Receipt>('POST', publicUrl, { body: samplePetition(), headers });
    const retry = await request<Receipt>('POST', publicUrl, { body: samplePetition(), headers });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 201);
    assert.deepEqual(retry.body, first.body);
    assert.equal(await petitionCount(), (before ?? 0) + 1);

    const other = await request<{ code: string }>('POST', publicUrl, {
      body: samplePetition({ title: '另一件事' }),
      headers,
    });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
    const malformed = await request('POST', publicUrl, {
      body: samplePetition(),
      headers: { 'idempotency-key': 'x' },
    });
    assert.equal(malformed.status, 400);
    assert.equal(await petitionCount(), (before ?? 0) + 1);
  });

  it('lists the cases within the caller scope, filtered and paged', async () => {
    type Page = {
      items: { caseNo: string; channel: string; collective: boolean }[];
      total: number;
    };
    const list = (token: string, query = '') =>
      request<Page>('GET', `${staffUrl}${query}`, { token });

    const mine = await list(registrar);
    assert.equal(mine.status, 200);
    assert.ok(mine.body.total >= 3, `registered by this unit: ${mine.body.total}`);
    const visits = await list(registrar, '?channel=VISIT');
    assert.deepEqual(
      visits.body.items.map((i) => [i.channel, i.collective]),
      [['VISIT', true]],
    );
    const transferredOnly = await list(registrar, '?channel=TRANSFERRED&text=%E9%94%A6%E7%BB%A3');
    assert.equal(transferredOnly.body.total, 1);
    const first = await list(registrar, '?pageSize=2&page=1&sort=caseNo');
    const second = await list(registrar, '?pageSize=2&page=2&sort=caseNo');
    const pagedCases = [...first.body.items, ...second.body.items].map((i) => i.caseNo);
    assert.equal(first.body.items.length, 2);
    assert.equal(pagedCases.length, Math.min(mine.body.total, 4));
    assert.deepEqual(pagedCases, [...pagedCases].sort(), 'ascending case numbers across pages');

    const elsewhere = await list(await login(sut.system.routing.url, 'shehong.handler'));
    assert.equal(elsewhere.body.total, 0, 'another county sees none of them');
    const admin = await list(await login(sut.system.routing.url, 'admin'));
    assert.ok(admin.body.total >= mine.body.total);
    const bad = await request<{ errors: { field: string }[] }>(
      'GET',
      `${staffUrl}?pageSize=1000&status=OPEN`,
      {
        token: registrar,
      },
    );
    assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['pageSize', 'status']);
  });

  it('100 parallel submissions with one key create one petition; with distinct keys, 100 gap-free numbers', async () => {
    const body = samplePetition({ divisionCode: '510923' });
    const before = await petitionCount();
    const same = await Promise.all(
      Array.from({ length: 100 }, () =>
        request<Receipt>('POST', publicUrl, {
          body,
          headers: { 'idempotency-key': 'same-key-for-all' },
        }),
      ),
    );
    assert.ok(same.every((r) => r.status === 201));
    assert.equal(new Set(same.map((r) => r.body.caseNo)).size, 1);
    assert.equal(new Set(same.map((r) => r.body.queryCode)).size, 1);
    assert.equal(await petitionCount(), (before ?? 0) + 1);

    const distinct = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        request<Receipt>('POST', publicUrl, {
          body,
          headers: { 'idempotency-key': `distinct-key-${String(i).padStart(3, '0')}` },
        }),
      ),
    );
    assert.ok(distinct.every((r) => r.status === 201));
    const sequences = [...distinct, same[0]]
      .map((r) => Number(r?.body.caseNo.slice(-6)))
      .sort((a, b) => a - b);
    assert.deepEqual(
      sequences,
      Array.from({ length: 101 }, (_, i) => i + 1),
    );
  });
});
