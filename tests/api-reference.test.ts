import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  Natures,
  openApiPath,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
} from '#common';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { discoverAll } from './support/fuzz-api.js';
import { request, samplePetition } from './support/http.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from './support/processes.js';
import type { DiscoveredRoute } from './support/route-discovery.js';

const SERVICES: ServiceName[] = ['intake', 'routing', 'notify'];

const operations = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );

const jsonBody = (op: Operation | undefined) =>
  op?.requestBody?.content['application/json']?.schema;

/**
 * Issue 13 item 5: each service serves an OpenAPI 3.1 document of its API at /api/docs, generated
 * from its controllers and zod schemas, and the API names a thing one way in one place.
 */
describe('the API reference at /api/docs', { timeout: 300_000 }, () => {
  let env: TestEnvironment;
  let settings: Record<string, string>;
  let system: Record<ServiceName, ServiceProcess>;
  let routes: DiscoveredRoute[];
  const documents = {} as Record<ServiceName, OpenApiDocument>;

  before(async () => {
    env = await createTestEnvironment();
    settings = {
      ...env.env,
      SMS_CALLBACK_TOKEN: randomBytes(24).toString('base64url'),
      METRICS_TOKEN: randomBytes(24).toString('base64url'),
    };
    [routes, system] = await Promise.all([discoverAll(settings), startSystem(settings)]);
    for (const service of SERVICES) {
      // No token: the reference is public.
      const answer = await request<OpenApiDocument>(
        'GET',
        `${system[service].url}/api/docs/openapi.json`,
      );
      assert.equal(answer.status, 200, `${service}: ${JSON.stringify(answer.body)}`);
      documents[service] = answer.body;
    }
  });

  after(async () => {
    await stopSystem(system);
    await env.dispose();
  });

  it('lists every route each application registers, and nothing else', () => {
    for (const service of SERVICES) {
      // Read from the Express router the application really serves, not from the controllers
      // the document is built from; the queue board is Bull Board's own UI and API.
      const served = routes
        .filter((route) => route.service === service && !route.board)
        .map((route) => `${route.method} ${openApiPath(route.path)}`)
        .sort();
      const documented = operations(documents[service])
        .map(({ key }) => key)
        .sort();
      assert.equal(documents[service].openapi, '3.1.1');
      assert.ok(served.length > 5, `${service} serves routes`);
      assert.deepEqual(documented, served, service);
    }
    const board = routes.filter((route) => route.board);
    assert.ok(board.length > 0, 'the board is served');
    assert.ok(!Object.keys(documents.routing.paths).some((path) => path.startsWith('/admin')));
  });

  it('gives the request schemas of the zod schemas that validate them', () => {
    const form = jsonBody(documents.intake.paths['/api/v1/public/petitions']?.['post']);
    assert.ok(form);
    assert.deepEqual([...(form.required ?? [])].sort(), [
      'address',
      'content',
      'divisionCode',
      'personCount',
      'petitioners',
      'title',
    ]);
    const fields = form.properties ?? {};
    assert.equal(fields['title']?.['maxLength'], 100);
    assert.deepEqual(fields['nature']?.['enum'], [...Natures]);
    const petitioner = fields['petitioners']?.['items'] as JsonSchema;
    assert.deepEqual([...(petitioner.required ?? [])].sort(), ['idNumber', 'name', 'phone']);
    assert.equal(form['additionalProperties'], false);
    // A query schema becomes query parameters; an injectable pipe's schema is found too.
    const list = documents.intake.paths['/api/v1/petitions']?.['get'];
    assert.ok(
      list?.parameters.some((p) => p.in === 'query' && p.name === 'pageSize' && !p.required),
    );
    const unit = jsonBody(documents.routing.paths['/api/v1/units']?.['post']);
    assert.deepEqual([...(unit?.required ?? [])].sort(), [
      'code',
      'divisionCode',
      'kind',
      'level',
      'name',
    ]);
    const calendar = jsonBody(documents.notify.paths['/api/v1/calendar/{year}']?.['put']);
    assert.deepEqual(calendar?.required, ['holidays']);
  });

  it('puts the query code in the query string of every public call about a case', () => {
    const publicCase = operations(documents.intake).filter(({ key }) =>
      key.includes(' /api/v1/public/petitions/{caseNo}'),
    );
    assert.deepEqual(publicCase.map(({ key }) => key).sort(), [
      'GET /api/v1/public/petitions/{caseNo}',
      'POST /api/v1/public/petitions/{caseNo}/attachments',
      'POST /api/v1/public/petitions/{caseNo}/evaluation',
      'POST /api/v1/public/petitions/{caseNo}/review-requests',
    ]);
    for (const { key, op } of publicCase) {
      const code = op.parameters.find((p) => p.name === 'queryCode');
      assert.equal(code?.in, 'query', key);
      assert.equal(code.required, true, key);
      assert.equal(jsonBody(op)?.properties?.['queryCode'], undefined, key);
    }
  });

  it('names the unit a case goes to unitCode, and documents the upload field', () => {
    const transfer = jsonBody(
      documents.routing.paths['/api/v1/workbench/cases/{caseNo}/transfer']?.['post'],
    );
    const triage = jsonBody(documents.routing.paths['/api/v1/triage/{caseNo}/decision']?.['post']);
    for (const body of [transfer, triage]) {
      assert.ok(body);
      assert.ok(body.required?.includes('unitCode'));
      assert.equal(body.properties?.['toUnitCode'], undefined);
    }
    for (const path of [
      '/api/v1/petitions/{caseNo}/attachments',
      '/api/v1/public/petitions/{caseNo}/attachments',
    ]) {
      const form =
        documents.intake.paths[path]?.['post']?.requestBody?.content['multipart/form-data'];
      assert.deepEqual(form?.schema.required, ['file'], path);
    }
  });

  it('names a case number, a unit and a division one way, checked by one pattern', () => {
    const caseNos = new Set<unknown>();
    const unitCodes = new Set<unknown>();
    const patterns: Record<string, Set<unknown>> = { caseNo: caseNos, unitCode: unitCodes };
    const patternOf = (schema: JsonSchema): unknown =>
      schema['pattern'] ??
      (schema['anyOf'] as JsonSchema[] | undefined)?.map(patternOf).find(Boolean);
    const names = new Set<string>();
    const visit = (name: string, schema: JsonSchema | undefined) => {
      if (!schema) return;
      names.add(name);
      const field = name === 'unitCodes' ? 'unitCode' : name;
      const checked = name === 'unitCodes' ? (schema['items'] as JsonSchema) : schema;
      patterns[field]?.add(patternOf(checked));
      for (const [key, value] of Object.entries(schema.properties ?? {})) visit(key, value);
      visit('', schema['items'] as JsonSchema | undefined);
    };
    for (const service of SERVICES) {
      for (const { op } of operations(documents[service])) {
        for (const parameter of op.parameters) visit(parameter.name, parameter.schema);
        visit('', jsonBody(op));
      }
    }
    // Earlier names of the same things, still accepted but no longer documented.
    for (const old of ['toUnitCode', 'unit', 'division']) assert.ok(!names.has(old), old);
    assert.ok(names.has('divisionCode') && names.has('unitCodes'));
    assert.deepEqual([...caseNos], ['^XF-\\d{6}-\\d{8}-\\d{6}$']);
    assert.deepEqual([...unitCodes], ['^[A-Z0-9_-]{2,64}$']);
  });

  it('says who may call each route', () => {
    const accept = documents.routing.paths['/api/v1/workbench/cases/{caseNo}/accept']?.['post'];
    assert.deepEqual(accept?.security, [{ staffToken: [] }]);
    assert.deepEqual(accept['x-roles'], ['handler', 'unit_leader']);
    assert.ok(accept.responses['403']);
    const form = documents.intake.paths['/api/v1/public/petitions']?.['post'];
    assert.deepEqual(form?.security, []);
    assert.ok(form.responses['201'] && form.responses['400']);
  });

  it('is public, has a page for people, and holds no secret', async () => {
    const page = await fetch(`${system.intake.url}/api/docs`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.match(html, /POST \/api\/v1\/public\/petitions<\/code>/);
    assert.match(html, /<code>queryCode<\/code><\/td><td>query<\/td><td>required/);
    const secrets = [
      'JWT_SECRET',
      'QUERY_CODE_SECRET',
      'PERSONAL_DATA_KEYS',
      'PERSONAL_DATA_HASH_KEY',
      'SMS_CALLBACK_TOKEN',
      'METRICS_TOKEN',
      'DATABASE_URL',
    ].map((name) => settings[name] ?? '');
    for (const service of SERVICES) {
      const text = JSON.stringify(documents[service]);
      for (const secret of secrets) {
        assert.ok(secret.length > 8 && !text.includes(secret), `${service} leaks a setting`);
      }
    }
  });

  it("still takes an earlier client's query code from the body", async () => {
    const receipt = await request<{ caseNo: string; queryCode: string }>(
      'POST',
      `${system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(receipt.status, 201);
    const url = `${system.intake.url}/api/v1/public/petitions/${receipt.body.caseNo}/evaluation`;
    const evaluation = { evaluation: 'SATISFIED' };
    // The right code, in either place, reaches the rule: there is no reply to evaluate yet.
    const inQuery = await request('POST', `${url}?queryCode=${receipt.body.queryCode}`, {
      body: evaluation,
    });
    assert.equal(inQuery.body['code'], 'NO_REPLY_YET');
    const inBody = await request('POST', url, {
      body: { queryCode: receipt.body.queryCode, ...evaluation },
    });
    assert.equal(inBody.body['code'], 'NO_REPLY_YET');
    const wrong = await request('POST', url, { body: { queryCode: 'WRONGCODE1', ...evaluation } });
    assert.equal(wrong.status, 404);
    const none = await request<{ errors: { field: string; label: string }[] }>('POST', url, {
      body: evaluation,
    });
    assert.equal(none.status, 400);
    assert.deepEqual(
      none.body.errors.map((e) => [e.field, e.label]),
      [['queryCode', 'queryCode 查询码']],
    );
  });
});
