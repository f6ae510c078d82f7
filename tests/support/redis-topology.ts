import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { eventually } from './eventually.js';
import { freePort } from './processes.js';

/** redis-server processes in a directory of their own, killed and removed together. */
class RedisProcesses {
  private readonly children = new Map<number, ChildProcess>();
  private dir?: string;

  async directory() {
    this.dir ??= await mkdtemp(join(tmpdir(), 'xinfang-redis-'));
    return this.dir;
  }

  async start(port: number, args: string[]) {
    const dir = join(await this.directory(), String(port));
    spawnSync('mkdir', ['-p', dir]);
    const child = spawn(
      'redis-server',
      [...args, '--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
      { stdio: 'ignore' },
    );
    this.children.set(port, child);
    await eventually(async () => (await command(port, 'PING')) === 'PONG', `redis on ${port}`);
  }

  async kill(port: number) {
    const child = this.children.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async stopAll() {
    await Promise.all([...this.children.keys()].map((port) => this.kill(port)));
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/** One command to one server, without retries: undefined when it does not answer. */
export async function command(port: number, ...args: string[]): Promise<unknown> {
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(args[0] as string, ...args.slice(1));
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

const PERSISTENCE = ['--save', '', '--appendonly', 'no'];

/** Three masters, each with a replica: a Cluster that survives the loss of any one master. */
export class LocalRedisCluster {
  private readonly processes = new RedisProcesses();
  ports: number[] = [];

  get url() {
    return `redis-cluster://${this.ports
      .slice(0, 3)
      .map((p) => `127.0.0.1:${p}`)
      .join(',')}`;
  }

  async start() {
    for (let i = 0; i < 6; i++) this.ports.push(await freePort());
    for (const port of this.ports) {
      await this.processes.start(port, [
        ...PERSISTENCE,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '1000',
      ]);
    }
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...this.ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      { encoding: 'utf8' },
    );
    if (created.status !== 0) throw new Error(`cluster create: ${created.stdout}${created.stderr}`);
    await eventually(async () => this.healthy(), 'the cluster to be ok on every node');
  }

  /** The port of the master that serves `key`'s slot. */
  async masterOf(key: string): Promise<number> {
    let slot: number | undefined;
    for (const port of this.ports) {
      // A dead node answers nothing (the killed master may be the first): ask the next.
      slot ??= await command(port, 'CLUSTER', 'KEYSLOT', key).then((s) =>
        s === undefined ? undefined : Number(s),
      );
      const at = slot;
      if (at === undefined) continue;
      const ranges = (await command(port, 'CLUSTER', 'SLOTS')) as
        [number, number, [string, number]][] | undefined;
      const range = ranges?.find(([from, to]) => at >= from && at <= to);
      if (range) return range[2][1];
    }
    throw new Error(`no master for slot ${slot ?? '(no node answered)'}`);
  }

  async kill(port: number) {
    await this.processes.kill(port);
  }

  /** Every live node says the cluster is ok, and no slot is served by a dead node. */
  async healthy(): Promise<boolean> {
    for (const port of this.ports) {
      const info = (await command(port, 'CLUSTER', 'INFO')) as string | undefined;
      if (info === undefined) continue;
      if (!info.includes('cluster_state:ok')) return false;
    }
    return true;
  }

  stop() {
    return this.processes.stopAll();
  }
}

/** A master, its replica and one Sentinel watching them as `xinfang-master`. */
export class LocalRedisSentinel {
  private readonly processes = new RedisProcesses();
  readonly masterName = 'xinfang-master';
  master = 0;
  replica = 0;
  sentinel = 0;

  get url() {
    return `redis-sentinel://127.0.0.1:${this.sentinel}/${this.masterName}`;
  }

  async start() {
    [this.master, this.replica, this.sentinel] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    await this.processes.start(this.master, PERSISTENCE);
    await this.processes.start(this.replica, [
      ...PERSISTENCE,
      '--replicaof',
      '127.0.0.1',
      String(this.master),
    ]);
    await eventually(
      async () =>
        String(await command(this.replica, 'INFO', 'replication')).includes(
          'master_link_status:up',
        ),
      'the replica to follow its master',
    );
    // A Sentinel rewrites its configuration file, so it gets one of its own.
    const conf = join(await this.processes.directory(), 'sentinel.conf');
    await writeFile(
      conf,
      [
        `sentinel monitor ${this.masterName} 127.0.0.1 ${this.master} 1`,
        `sentinel down-after-milliseconds ${this.masterName} 1000`,
        `sentinel failover-timeout ${this.masterName} 5000`,
      ].join('\n') + '\n',
    );
    await this.processes.start(this.sentinel, [conf, '--sentinel']);
    await eventually(async () => (await this.currentMaster()) === this.master, 'the sentinel');
  }

  async currentMaster(): Promise<number | undefined> {
    const address = (await command(
      this.sentinel,
      'SENTINEL',
      'GET-MASTER-ADDR-BY-NAME',
      this.masterName,
    )) as [string, string] | undefined;
    return address ? Number(address[1]) : undefined;
  }

  /** A failover as an operator starts it: the replica becomes master, the master its replica. */
  async failover() {
    await command(this.sentinel, 'SENTINEL', 'FAILOVER', this.masterName);
    await eventually(async () => (await this.currentMaster()) === this.replica, 'the failover');
  }

  stop() {
    return this.processes.stopAll();
  }
}
