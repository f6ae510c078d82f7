import {
  badAuthorization,
  fillPath,
  paramNames,
  queryString,
  validToken,
  type FuzzWorld,
  type ParamChoice,
} from './fuzz-targets.js';
import {
  badJson,
  isStrictObject,
  json,
  multipart,
  oddValue,
  sampleOf,
  trappedSample,
  type Random,
} from './fuzz-values.js';
import type { DiscoveredRoute } from './route-discovery.js';

export type Category =
  'body' | 'params' | 'token' | 'method' | 'content-type' | 'json' | 'query' | 'headers' | 'path';

export interface FuzzRequest {
  route: DiscoveredRoute;
  category: Category;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Why the request cannot change anything if the service is right (for the report). */
  note: string;
}

const CATEGORIES: [Category, number][] = [
  ['body', 30],
  ['params', 14],
  ['token', 12],
  ['json', 10],
  ['content-type', 8],
  ['query', 8],
  ['method', 8],
  ['headers', 5],
  ['path', 5],
];

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes whose valid-shaped bodies with unknown credentials change nothing but the records. */
const SIGN_IN = /^\/api\/v1\/auth\//;

const ODD_METHODS = [
  'DELETE',
  'PUT',
  'PATCH',
  'POST',
  'GET',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'MKCOL',
  'LOCK',
  'SEARCH',
  'PURGE',
  'QUERY',
];

/**
 * A body of the route's shape with random fields made odd. `invalid` says whether the body is
 * sure to be refused by a correct validation whatever else it holds: an unknown field in a
 * strict object, or a JSON type that is not the body's.
 */
function fuzzedBody(route: DiscoveredRoute, random: Random): { value: unknown; invalid: boolean } {
  const schema = route.body;
  if (schema && random.chance(0.35))
    return { value: trappedSample(schema, random), invalid: false };
  const sample = sampleOf(schema ?? { type: 'object' }, random);
  if (sample !== null && typeof sample === 'object' && !Array.isArray(sample)) {
    const body = sample as Record<string, unknown>;
    const keys = Object.keys(body);
    for (let i = random.int(3) + 1; i > 0 && keys.length > 0; i--) {
      const key = random.pick(keys);
      if (random.chance(0.3)) Reflect.deleteProperty(body, key);
      else body[key] = oddValue(random);
    }
    if (isStrictObject(schema) && (random.chance(0.9) || keys.length === 0)) {
      body[random.pick(['fuzz', 'isAdmin', 'status', 'unknownField'])] = oddValue(random);
      return { value: body, invalid: true };
    }
    if (schema?.type === 'object' && random.chance(0.5)) {
      return { value: random.pick([[body], 'body', 42, null, true]), invalid: true };
    }
    return { value: body, invalid: false };
  }
  const wrong = random.pick([{ fuzz: oddValue(random) }, 'text', 7, null]);
  return { value: wrong, invalid: schema !== null && schema.type === 'array' };
}

function oddHeaders(random: Random): Record<string, string> {
  return random.pick<Record<string, string>>([
    { 'idempotency-key': random.pick(['', ' ', 'x'.repeat(5_000), '../..', 'ключ', '%00']) },
    { 'accept-language': random.pick(['xx', '*', 'zh-CN;q=abc', ',,,', 'en;q=0.5,'.repeat(200)]) },
    { 'x-correlation-id': random.pick(['', 'x'.repeat(3_000), '../../', '\t', 'null']) },
    { 'x-forwarded-for': random.pick(['1.1.1.1', 'garbage', '::1, evil']) },
    { cookie: random.pick(['xinfang_board=garbage', 'xinfang_board=', '=;;;=', 'a=%E0%A4%A']) },
    { 'content-length': '0' },
    { 'transfer-encoding': 'chunked' },
    { expect: '100-continue' },
    { accept: random.pick(['application/xml', '*/*;q=bad', 'text/html']) },
    { 'content-encoding': random.pick(['gzip', 'br', 'deflate', 'identity, gzip']) },
    { range: 'bytes=0-1,5-2' },
    { 'if-none-match': '*' },
    { 'x-http-method-override': 'DELETE' },
  ]);
}

const PATH_TRICKS = [
  (path: string) => `${path}/..`,
  (path: string) => `${path}/../../../etc/passwd`,
  (path: string) => `${path}%2F..%2F..`,
  (path: string) => path.replace(/\//g, '//'),
  (path: string) => `${path}%00`,
  (path: string) => `${path}/%00`,
  (path: string) => `${path}.json`,
  (path: string) => `${path};jsessionid=1`,
  (path: string) => `${path}/`,
  (path: string) => path.toUpperCase(),
  (path: string) => path.replace('/api/', '/api/./'),
  (path: string) => path.replace('/api/v1/', '/api/v1/../v1/'),
  (path: string) => path.replace('/api/v1/', '/api/v2/'),
  (path: string) => path.replace('/v1/', '/%76%31/'),
  (path: string) => `${path}/${'x'.repeat(10_000)}`,
  (path: string) => `${path}#frag`,
  (path: string) => `${path}?`,
  (path: string) => `${path}/%E0%A4%A`,
];

/**
 * One malformed request for the route. Whatever it is, it cannot succeed at changing anything
 * if the service is right: its token is refused, or its path names nothing that exists, or its
 * body is one that validation must refuse, or it reads only.
 */
export function fuzzRequest(route: DiscoveredRoute, world: FuzzWorld, random: Random): FuzzRequest {
  let category = pickCategory(random);
  if (category === 'params' && paramNames(route.path).length === 0) category = 'body';
  const mutating = !READS.has(route.method);
  const signIn = SIGN_IN.test(route.path);
  const headers: Record<string, string> = {};
  let method = route.method;
  let body: Buffer | undefined;
  let bodyInvalid = false;
  let choice: (name: string) => ParamChoice = () =>
    random.pick<ParamChoice>(['existing', 'existing', 'absent', 'malformed']);
  let token = validToken(route, world, random, mutating);
  let note = '';

  const jsonBody = () => {
    if (route.upload) {
      const upload = multipart(random);
      headers['content-type'] = upload.type;
      body = upload.body;
      bodyInvalid = true; // never a PDF, JPEG or PNG
      return;
    }
    if (!route.takesBody && !random.chance(0.3)) return;
    const fuzzed = fuzzedBody(route, random);
    headers['content-type'] = 'application/json';
    body = json(fuzzed.value);
    bodyInvalid = route.takesBody && fuzzed.invalid;
  };

  switch (category) {
    case 'body':
      jsonBody();
      note = 'a body of the wrong shape';
      break;
    case 'params':
      choice = () => (random.chance(0.7) ? 'malformed' : 'absent');
      jsonBody();
      note = 'path values malformed or absent';
      break;
    case 'token':
      jsonBody();
      headers.authorization = badAuthorization(world, random);
      token = undefined;
      note = 'a token that must be refused';
      break;
    case 'json':
      headers['content-type'] = random.pick([
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=utf-16',
        'application/vnd.api+json',
      ]);
      body = badJson(random);
      bodyInvalid = route.takesBody;
      note = 'broken, huge or deep JSON';
      break;
    case 'content-type': {
      const fuzzed = fuzzedBody(route, random);
      const variant = random.int(6);
      if (variant === 0) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        // A form always carries an unknown field: forms fill strict objects with strings.
        body = Buffer.from(
          `fuzz=1&a[b][c]=2&${random.pick(['x=%E0%A4%A', 'title=', '__proto__[a]=1', 'x'])}`,
        );
        bodyInvalid = route.takesBody && isStrictObject(route.body);
      } else if (variant === 1) {
        headers['content-type'] = 'text/plain';
        body = json(fuzzed.value);
      } else if (variant === 2) {
        headers['content-type'] = 'application/xml';
        body = Buffer.from(
          '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
        );
      } else if (variant === 3) {
        const upload = multipart(random);
        headers['content-type'] = upload.type;
        body = upload.body;
        bodyInvalid = route.upload;
      } else if (variant === 4) {
        body = json(fuzzed.value); // no content type at all
      } else {
        headers['content-type'] = random.pick([
          '',
          'application/json; charset=latin1',
          'json',
          '*/*',
          'application/json, text/plain',
        ]);
        body = json(fuzzed.value);
      }
      note = 'a content type that does not fit';
      break;
    }
    case 'query':
      jsonBody();
      note = 'odd query parameters';
      break;
    case 'headers':
      jsonBody();
      Object.assign(headers, oddHeaders(random));
      note = 'odd headers';
      break;
    case 'method':
      method = random.pick(ODD_METHODS.filter((m) => m !== route.method));
      jsonBody();
      note = `${method} where ${route.method} is served`;
      break;
    case 'path':
      jsonBody();
      note = 'a path trick';
      break;
  }
  if (method === 'HEAD' || method === 'GET') {
    if (body && !route.takesBody) body = undefined;
  }

  // The safety rule: a changing request with a real token on a path that exists must carry a
  // body validation has to refuse. Otherwise its path names nothing that exists.
  const effectiveMutating = !READS.has(method);
  const authenticated = token !== undefined || route.public;
  if (effectiveMutating && authenticated && !signIn && !bodyInvalid) {
    const names = paramNames(route.path);
    if (names.length > 0) {
      const inner = choice;
      choice = (name) => {
        const picked = inner(name);
        return picked === 'existing' ? 'absent' : picked;
      };
    } else {
      headers['content-type'] = 'application/json';
      body = json(
        isStrictObject(route.body) || route.body === null
          ? { fuzz: oddValue(random) }
          : random.pick(['text', 7, null, [1]]),
      );
      if (route.body?.type === 'array') body = json({ fuzz: 1 });
      if (route.upload) body = multipart(random).body;
      if (route.body === null && !route.takesBody) {
        // Nothing to make invalid: a body is ignored. Such routes all take a path value.
        token = undefined;
        headers.authorization = badAuthorization(world, random);
      }
    }
  }

  // The board's admin acts on queues whatever the body: any other method gets the read-only access.
  if (route.board && effectiveMutating && token !== undefined && token === world.tokens.admin) {
    token = world.tokens.supervisor;
  }

  let path = fillPath(route.path, choice, world, random);
  if (category === 'path') path = random.pick(PATH_TRICKS)(path);
  const query =
    category === 'query' || route.query || route.path.includes('sms-receipts')
      ? queryString(route, world, random)
      : '';
  if (query && !path.includes('?')) path = `${path}?${query}`;
  if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-length'] = String(body.length);
  if (headers['transfer-encoding']) delete headers['content-length'];
  return { route, category, method, path, headers, ...(body && { body }), note };
}

function pickCategory(random: Random): Category {
  const total = CATEGORIES.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.int(total);
  for (const [category, weight] of CATEGORIES) {
    roll -= weight;
    if (roll < 0) return category;
  }
  return 'body';
}
