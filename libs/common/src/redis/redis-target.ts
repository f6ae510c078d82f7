/**
 * What REDIS_URL names: one server, a Sentinel set or a Cluster, as operations teams run Redis.
 *
 *   redis://[[user]:password@]host:port[/db]             one server (rediss:// over TLS)
 *   redis-sentinel://[[user]:password@]h1:26379,h2:26379/master-name[/db][?sentinelPassword=…]
 *   redis-cluster://[[user]:password@]h1:7000,h2:7001    any of the cluster's nodes
 *
 * Sentinel and Cluster URLs list several hosts, which URL parsers refuse; hence this parser.
 */
export interface RedisNode {
  host: string;
  port: number;
}

interface Credentials {
  username?: string;
  password?: string;
}

export type RedisTarget =
  | { kind: 'server'; url: string }
  | ({
      kind: 'sentinel';
      sentinels: RedisNode[];
      masterName: string;
      db: number;
      sentinelPassword?: string;
    } & Credentials)
  | ({ kind: 'cluster'; nodes: RedisNode[] } & Credentials);

export class RedisUrlError extends Error {}

const MULTI_HOST =
  /^(redis-sentinel|redis-cluster):\/\/(?:([^@/]*)@)?([^/?#@]+)(\/[^?#]*)?(?:\?([^#]*))?$/;

const DEFAULT_PORT = { 'redis-sentinel': 26379, 'redis-cluster': 6379 } as const;

export function redisTarget(url: string): RedisTarget {
  if (/^rediss?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new RedisUrlError('not a URL');
    }
    return { kind: 'server', url };
  }
  const match = MULTI_HOST.exec(url);
  if (!match) {
    throw new RedisUrlError(
      'expected redis://host:port, redis-sentinel://host:port,…/master-name or redis-cluster://host:port,…',
    );
  }
  const [, scheme, userInfo, hosts, path = '', query = ''] = match as unknown as [
    string,
    keyof typeof DEFAULT_PORT,
    string | undefined,
    string,
    string | undefined,
    string | undefined,
  ];
  const credentials = credentialsOf(userInfo);
  const nodes = hosts.split(',').map((host) => nodeOf(host, DEFAULT_PORT[scheme]));
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (scheme === 'redis-cluster') {
    if (segments.length > 0) throw new RedisUrlError('a cluster has no database number or name');
    return { kind: 'cluster', nodes, ...credentials };
  }
  const [masterName, db = '0'] = segments;
  if (!masterName) throw new RedisUrlError('name the Sentinel master: redis-sentinel://…/mymaster');
  if (segments.length > 2 || !/^\d{1,2}$/.test(db)) {
    throw new RedisUrlError('after the master name only a database number may follow');
  }
  const sentinelPassword = new URLSearchParams(query).get('sentinelPassword') ?? undefined;
  return {
    kind: 'sentinel',
    sentinels: nodes,
    masterName,
    db: Number(db),
    ...credentials,
    ...(sentinelPassword ? { sentinelPassword } : {}),
  };
}

function credentialsOf(userInfo: string | undefined): Credentials {
  if (!userInfo) return {};
  const colon = userInfo.indexOf(':');
  const username = decodeURIComponent(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const password = colon < 0 ? '' : decodeURIComponent(userInfo.slice(colon + 1));
  return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

function nodeOf(text: string, defaultPort: number): RedisNode {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text);
  const port = match?.[2] === undefined ? defaultPort : Number(match[2]);
  if (!match?.[1] || port < 1 || port > 65535) {
    throw new RedisUrlError(`"${text}" is not host:port`);
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** A place to show in messages and logs: the hosts, never the password. */
export function redisWhere(url: string): string {
  try {
    const target = redisTarget(url);
    if (target.kind === 'server') {
      const { hostname, port } = new URL(url);
      return `${hostname}:${port || 6379}`;
    }
    const nodes = target.kind === 'cluster' ? target.nodes : target.sentinels;
    const list = nodes.map((n) => `${n.host}:${n.port}`).join(',');
    return target.kind === 'cluster'
      ? `cluster ${list}`
      : `sentinel ${list} master ${target.masterName}`;
  } catch {
    return 'an invalid REDIS_URL';
  }
}
