import type { JsonSchema } from './route-discovery.js';

/** A small seeded generator (mulberry32): the same seed gives the same requests. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** The generator of the n-th request of a run: the same whatever order requests are answered. */
  static of(seed: number, n: number): Random {
    let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    return new Random(h ^ (h >>> 16));
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from nothing');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\u202eevil\u202c',
  '\u200f\u200e\u061c',
  '\ufeff',
  '\u200b\u200d',
  'é', // combining accent
  '𠮷𠮷',
  '\u{1F600}',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '{{7*7}}',
  '\r\nX-Injected: 1',
  '锦绣华庭',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  'NaN',
  '0x10',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
];

const ODD_NUMBERS = [-1, 0, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 60, -0, 2 ** 31, -(2 ** 63)];

function oddString(random: Random): string {
  const roll = random.int(10);
  if (roll === 0) return 'x'.repeat(random.pick([300, 5_000, 70_000]));
  if (roll === 1) return '信'.repeat(random.pick([101, 2_001, 10_001]));
  return random.pick(ODD_STRINGS);
}

/** A value of a random JSON type, sometimes nested deep. */
export function oddValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick(ODD_NUMBERS);
    case 3:
    case 4:
    case 5:
      return oddString(random);
    case 6:
      return [oddValue(random, depth + 1), oddValue(random, depth + 1)];
    case 7:
      return { [oddKey(random)]: oddValue(random, depth + 1) };
    default:
      return deepNesting(random.pick([50, 500, 1_000]));
  }
}

function oddKey(random: Random): string {
  return random.pick([
    '__proto__',
    'constructor',
    'prototype',
    'fuzz',
    '',
    '\u0000',
    'toString',
    'a.b',
    '$where',
    'id',
  ]);
}

function deepNesting(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** A value of the schema's type (one the validation may still refuse: its formats are not met). */
export function sampleOf(schema: JsonSchema | undefined, random: Random, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (schema.anyOf?.length) return sampleOf(random.pick(schema.anyOf), random, depth);
  if (schema.enum?.length) return random.pick(schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return random.uuid();
      if (schema.format === 'date-time') return '2026-12-01T08:00:00.000Z';
      if (schema.format === 'date') return '2026-12-01';
      return '测试'.repeat(Math.max(1, Math.ceil((schema.minLength ?? 1) / 2)));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sampleOf(schema.items, random, depth + 1),
      );
    case 'object': {
      const body: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        body[key] = sampleOf(property, random, depth + 1);
      }
      return body;
    }
    default:
      return 'x';
  }
}

export const isStrictObject = (schema: JsonSchema | null) =>
  schema?.type === 'object' && schema.additionalProperties === false;

const TEXT_TRAPS = [
  '\u0000',
  'a\u0000',
  '\ud800',
  'b\udfff',
  '\u202e',
  '\u200f',
  '\ufeff',
  '\u200b',
  '%00',
  "'",
];

/**
 * A value the schema accepts in shape and length, with a text trap in each string (NUL, a lone
 * surrogate, an RTL mark…): what validation may let through to the handler and the database.
 */
export function trappedSample(schema: JsonSchema | undefined, random: Random, depth = 0): unknown {
  if (!schema || depth > 4) return random.pick(TEXT_TRAPS);
  if (schema.anyOf?.length) return trappedSample(random.pick(schema.anyOf), random, depth);
  if (schema.enum?.length || schema.format || schema.pattern)
    return sampleOf(schema, random, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string') {
    const trap = random.pick(TEXT_TRAPS);
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 64;
    const text = `${'信'.repeat(Math.max(0, min - trap.length))}${trap}`;
    return text.slice(0, Math.max(max, 1));
  }
  if (type === 'array') {
    return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
      trappedSample(schema.items, random, depth + 1),
    );
  }
  if (type === 'object') {
    const body: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      body[key] = trappedSample(property, random, depth + 1);
    }
    return body;
  }
  return sampleOf(schema, random, depth);
}

export function multipart(random: Random): { body: Buffer; type: string } {
  const boundary = `fuzz${random.int(1e9)}`;
  const junk = Buffer.from(`FUZZ not a document ${oddString(random)}`);
  const parts = [
    () =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${random.pick(['a.pdf', '../../x.pdf', '\u202eexe.pdf', 'nul\u0000.png', ''])}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        junk,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    () =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--${boundary}--\r\n`,
      ),
    () =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF`,
      ),
    () => Buffer.from(`--${boundary}--\r\n`),
    () => Buffer.from('not multipart at all'),
    () =>
      Buffer.from(
        [0, 1]
          .map(
            () =>
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nFUZZ\r\n`,
          )
          .join('') + `--${boundary}--\r\n`,
      ),
  ];
  return {
    body: random.pick(parts)(),
    type: random.chance(0.9) ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data',
  };
}

export const json = (value: unknown) =>
  Buffer.from((JSON.stringify(value) as string | undefined) ?? 'null');

/** JSON text a parser must refuse, or that is too big or too deep to be a request. */
export function badJson(random: Random): Buffer {
  return random.pick([
    () => Buffer.from('{"title": "unterminated'),
    () => Buffer.from('{"a":1,}'),
    () => Buffer.from("{'a': 1}"),
    () => Buffer.from('{"a":1}{"b":2}'),
    () => Buffer.from('\u0000'),
    () => Buffer.from([0xff, 0xfe, 0x7b, 0x00]),
    () => Buffer.from('{"a":"\\ud800"}'),
    () => Buffer.from('{"a":"\\u0000"}'),
    () => Buffer.from('NaN'),
    () => Buffer.from('['.repeat(100_000)),
    () => Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`),
    () => Buffer.from(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
    () => json({ big: 'x'.repeat(1024 * 1024) }),
    () => json({ big: '信'.repeat(90_000) }),
    () => Buffer.from(`{"a":${'1'.repeat(400)}}`),
    () => Buffer.from('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}'),
    () => Buffer.from(''),
    () => Buffer.from('   '),
  ])();
}
