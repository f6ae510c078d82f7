import { Queue } from 'bullmq';
import type pg from 'pg';
import { QueueName } from '#common';
import type { TestEnvironment } from './environment.js';
import { eventually } from './eventually.js';

/** What a system holds, compared before and after the fuzzer's requests. */
export interface TableState {
  rows: number;
  hashes?: Map<string, number>;
  aggregate?: string;
  maxSeq?: number;
}

const BIG_TABLE = 50_000;

/** Every row of every table of the services' schemas, as hashes (aggregates for big tables). */
export async function snapshot(db: pg.Pool): Promise<Map<string, TableState>> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2`,
  );
  const state = new Map<string, TableState>();
  for (const { schema, name } of tables) {
    const table = `"${schema}"."${name}"`;
    const key = `${schema}.${name}`;
    if (name === 'audit_event') {
      const { rows } = await db.query<{ n: string; seq: string | null }>(
        `SELECT count(*) AS n, max(seq) AS seq FROM ${table}`,
      );
      state.set(key, { rows: Number(rows[0]?.n), maxSeq: Number(rows[0]?.seq ?? 0) });
      continue;
    }
    const { rows: counted } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    const count = Number(counted[0]?.n);
    if (count > BIG_TABLE) {
      const { rows } = await db.query<{ a: string }>(
        `SELECT coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)::text AS a
           FROM ${table} t`,
      );
      state.set(key, { rows: count, aggregate: rows[0]?.a ?? '' });
      continue;
    }
    const { rows } = await db.query<{ h: string }>(`SELECT md5(t::text) AS h FROM ${table} t`);
    const hashes = new Map<string, number>();
    for (const { h } of rows) hashes.set(h, (hashes.get(h) ?? 0) + 1);
    state.set(key, { rows: count, hashes });
  }
  return state;
}

/** Rows added plus rows removed (an update is one of each). */
export function difference(before: TableState, after: TableState): number {
  if (before.hashes && after.hashes) {
    let changed = 0;
    for (const [hash, n] of after.hashes)
      changed += Math.max(0, n - (before.hashes.get(hash) ?? 0));
    for (const [hash, n] of before.hashes)
      changed += Math.max(0, n - (after.hashes.get(hash) ?? 0));
    return changed;
  }
  if (before.aggregate !== undefined && before.aggregate === after.aggregate) {
    return Math.abs(after.rows - before.rows);
  }
  return Math.max(1, Math.abs(after.rows - before.rows));
}

/** Nothing left to do: every outbox published and every queue empty. */
export async function settled(env: TestEnvironment) {
  const queues = Object.values(QueueName).map(
    (name) =>
      new Queue(name, {
        connection: { url: env.env.REDIS_URL },
        prefix: env.env.QUEUE_PREFIX,
      }),
  );
  try {
    await eventually(async () => {
      const { rows } = await env.db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM intake.outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM routing.outbox WHERE published_at IS NULL)
              + (SELECT count(*) FROM notify.outbox WHERE published_at IS NULL) AS n`,
      );
      if (Number(rows[0]?.n) > 0) return false;
      for (const queue of queues) {
        const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'delayed');
        if (Object.values(counts).some((n) => n > 0)) return false;
      }
      return true;
    }, 'the outboxes and queues to be empty');
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}
