import { createHmac, randomUUID } from 'node:crypto';
import { oddValue, type Random } from './fuzz-values.js';
import type { DiscoveredRoute } from './route-discovery.js';

/** What the fuzzer knows of the running system: real values for path parameters, and tokens. */
export interface FuzzWorld {
  /** Cases that exist, with their query codes. */
  cases: { caseNo: string; queryCode: string }[];
  /** Ids that exist (staff accounts, notifications). */
  ids: string[];
  unitCodes: string[];
  /** A valid API token per demo role (a staff member holding it). */
  tokens: Partial<Record<string, string>>;
  /** The shared secret, to sign expired and wrong-audience tokens as a real issuer would. */
  jwtSecret: string;
  /** SMS_CALLBACK_TOKEN, so that the receipt endpoints validate their bodies. */
  callbackToken: string;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function signed(claims: Record<string, unknown>, secret: string, alg = 'HS256'): string {
  const head = base64url(JSON.stringify({ alg, typ: 'JWT' }));
  const body = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

/** An Authorization header a correct guard refuses. */
export function badAuthorization(world: FuzzWorld, random: Random): string {
  const real = world.tokens[random.pick(Object.keys(world.tokens))] ?? 'x.y.z';
  const claims = claimsOf(real);
  const now = Math.floor(Date.now() / 1000);
  const variants = [
    () => `Bearer ${signed({ ...claims, iat: now - 7200, exp: now - 3600 }, world.jwtSecret)}`,
    () => `Bearer ${signed({ ...claims, aud: 'board' }, world.jwtSecret)}`,
    () => `Bearer ${signed({ ...claims, aud: 'other' }, world.jwtSecret)}`,
    () => `Bearer ${signed({ ...claims, nbf: now + 3600 }, world.jwtSecret)}`,
    () => `Bearer ${signed({ ...claims, roles: ['admin'] }, 'not-the-secret-not-the-secret-123')}`,
    () => {
      const [head, body] = real.split('.');
      return `Bearer ${head}.${base64url(JSON.stringify({ ...claims, roles: ['admin'] }))}.${body}`;
    },
    () => `Bearer ${base64url('{"alg":"none","typ":"JWT"}')}.${base64url(JSON.stringify(claims))}.`,
    () => `Bearer ${real.slice(0, -2)}`,
    () => `bearer ${real}x`,
    () => `Basic ${base64url('admin:xinfang-demo')}`,
    () => 'Bearer',
    () => 'Bearer ',
    () => `Bearer ${'a'.repeat(8_000)}`,
    () => `Bearer ${real} ${real}`,
    () => `Bearer ${randomUUID()}`,
    () => 'Bearer ..',
    () => `Bearer ${base64url('{}')}.${base64url('{}')}.${base64url('{}')}`,
  ];
  return random.pick(variants)();
}

/** A staff token that may call the route (a role it needs), or undefined for public routes. */
export function validToken(
  route: DiscoveredRoute,
  world: FuzzWorld,
  random: Random,
  mutating: boolean,
) {
  if (route.public) return undefined;
  const roles = route.roles ?? Object.keys(world.tokens);
  // The board's admin may act on the queues (retry, clean, add jobs): a real change, not a
  // malformed request. Its changing routes are fuzzed with the supervisor's read-only access.
  const usable = roles.filter(
    (role) => world.tokens[role] && !(route.board && mutating && role === 'admin'),
  );
  const role = usable.length > 0 ? random.pick(usable) : undefined;
  return role === undefined ? undefined : world.tokens[role];
}

export type ParamChoice = 'existing' | 'absent' | 'malformed';

const MALFORMED_PARAMS = [
  '..',
  '.',
  '%2e%2e',
  '..%2F..%2Fetc%2Fpasswd',
  '%2F',
  'a%2Fb',
  '%00',
  'XF-510903-20261207-000001%00',
  `XF-510903-20261207-${'0'.repeat(300)}`,
  'XF-510903-20261207-0000011',
  'xf-510903-20261207-000001',
  'XF－510903－20261207－000001',
  '%E0%A4%A',
  '%',
  '%ZZ',
  '%C0%AF',
  '%EF%BC%8F',
  encodeURIComponent('\u202eXF'),
  encodeURIComponent('\ud7ff\ue000'),
  encodeURIComponent("' OR 1=1 --"),
  'null',
  'undefined',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
  'a'.repeat(5_000),
  '%u0000',
  '+',
  '~',
];

function paramValue(name: string, choice: ParamChoice, world: FuzzWorld, random: Random): string {
  if (choice === 'malformed') return random.pick(MALFORMED_PARAMS);
  switch (name) {
    case 'caseNo':
      return choice === 'existing'
        ? random.pick(world.cases).caseNo
        : `XF-510903-2019${String(random.int(9) + 1).padStart(2, '0')}15-${String(random.int(999_999)).padStart(6, '0')}`;
    case 'code':
    case 'scope':
      return choice === 'existing'
        ? random.pick(world.unitCodes)
        : random.pick(['510903-NOPE', '999999-XFJ', '510903999']);
    case 'queueName':
      return choice === 'existing' ? random.pick(['intake', 'routing', 'notify']) : 'no-queue';
    case 'queueStatus':
      return random.pick(['failed', 'completed', 'delayed', 'nope']);
    case 'jobId':
    case 'schedulerId':
      return choice === 'existing' ? '1' : random.uuid();
    default:
      return choice === 'existing' && world.ids.length > 0 ? random.pick(world.ids) : random.uuid();
  }
}

export function fillPath(
  pattern: string,
  choose: (name: string) => ParamChoice,
  world: FuzzWorld,
  random: Random,
): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    paramValue(name, choose(name), world, random),
  );
}

const scalar = (value: unknown) =>
  typeof value === 'string'
    ? value
    : ((JSON.stringify(value) as string | undefined) ?? 'undefined');

/** Percent-encoding that keeps lone surrogates, as the invalid UTF-8 a careless client sends. */
function percentEncode(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += code >= 0xd800 && code <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(char);
  }
  return out;
}

export const paramNames = (pattern: string) =>
  [...pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);

export function queryString(route: DiscoveredRoute, world: FuzzWorld, random: Random): string {
  const keys = Object.keys(route.query?.properties ?? {});
  const pairs: string[] = [];
  const free = Object.entries(route.query?.properties ?? {})
    .filter(([, p]) => p.type === 'string' && !p.enum && !p.format && !p.pattern)
    .map(([key]) => key);
  if (free.length > 0 && random.chance(0.7)) {
    // Every free-text filter holding a text trap, the rest left out: a request valid but for it.
    const trap = random.pick(['%00', 'a%00b', '%00%00', '%ED%A0%80', '%E2%80%AE']);
    return free.map((key) => `${key}=${trap}`).join('&');
  }
  for (let i = random.int(4); i >= 0; i--) {
    const key =
      keys.length > 0 && random.chance(0.7)
        ? random.pick(keys)
        : random.pick(['fuzz', 'a[b]', 'a[]', '__proto__[x]', 'page', 'token', '%00']);
    const value =
      key === 'queryCode' && random.chance(0.3)
        ? random.pick(world.cases).queryCode
        : random.chance(0.3)
          ? random.pick(['%', '%E0%A4%A', '%00', '&&', '==', '', 'a%00b', '%ED%A0%80', '%E2%80%AE'])
          : percentEncode(scalar(oddValue(random)));
    pairs.push(`${encodeURI(key)}=${value}`);
    if (random.chance(0.1)) pairs.push(`${encodeURI(key)}=${value}x`); // repeated key
  }
  if (route.path.includes('sms-receipts') && random.chance(0.7)) {
    pairs.push(`token=${encodeURIComponent(world.callbackToken)}`);
  }
  return pairs.join('&');
}
