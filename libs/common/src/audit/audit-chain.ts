import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CASE_NO_PATTERN } from '../contract/case-number.js';
import type { ServiceSchema } from '../database/data-source.js';
import {
  AuditActions,
  canonicalAuditRecord,
  chainHash,
  GENESIS_HASH,
  type AuditActor,
  type AuditDetail,
  type AuditOutcome,
  type AuditRecord,
} from './audit-entry.js';
import { wellFormedStrings } from '../validation/text.js';
import {
  auditEventsAfter,
  deleteAuditEventsBefore,
  insertAuditEvent,
  lockChainHead,
  lockChainHeadWithClock,
  makeTransactionReadOnly,
  moveChainHead,
  prevHashOf,
  purgeBounds,
  readChainHead,
} from './audit.repository.js';

/** An entry with everything filled in: what the chain stores besides seq, id, time and hashes. */
export interface ResolvedAuditEntry {
  action: string;
  outcome: AuditOutcome;
  actor: AuditActor | null;
  clientIp: string | null;
  caseNo: string | null;
  target: { type: string; id: string } | null;
  status: number | null;
  detail: AuditDetail;
  correlationId: string | null;
}

const MAX_TEXT = 200;

function checked(entry: ResolvedAuditEntry): ResolvedAuditEntry {
  // A programming error, not a request's: the trail holds case numbers, never what people wrote.
  if (entry.caseNo !== null && !CASE_NO_PATTERN.test(entry.caseNo)) {
    throw new Error('an audit entry names a case by its case number only');
  }
  for (const text of [entry.action, entry.target?.type, entry.target?.id]) {
    if (text !== undefined && text.length > MAX_TEXT) throw new Error('audit entry field too long');
  }
  return entry;
}

/**
 * Appends one entry to a service's chain, in the caller's transaction: locks the chain head
 * (FOR UPDATE, so concurrent writers queue and keep one chain), links the row to it and moves it.
 * The lock is held until the transaction ends, so record last in a transaction that does more.
 * `at` replaces the database clock (tests of the retention purge).
 */
export async function appendAuditEvent(
  manager: EntityManager,
  schema: ServiceSchema,
  entry: ResolvedAuditEntry,
  at?: Date,
): Promise<AuditRecord> {
  // A username or path value as typed may hold NUL or a lone surrogate: hashed as it is stored,
  // or the insert fails (NUL) or the chain no longer verifies (PostgreSQL keeps U+FFFD).
  const { actor, target, ...rest } = wellFormedStrings(checked(entry));
  const head = await lockChainHeadWithClock(manager, schema);
  if (!head) throw new Error(`${schema}.audit_chain has no head row`);
  const row: Omit<AuditRecord, 'prevHash' | 'hash'> = {
    seq: (BigInt(head.last_seq) + 1n).toString(),
    id: randomUUID(),
    occurredAt: at ?? head.now,
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    actorUnit: actor?.unitCode ?? null,
    clientIp: rest.clientIp,
    action: rest.action,
    outcome: rest.outcome,
    caseNo: rest.caseNo,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    status: rest.status,
    detail: rest.detail,
    correlationId: rest.correlationId,
  };
  const record: AuditRecord = {
    ...row,
    prevHash: head.last_hash,
    hash: chainHash(head.last_hash, canonicalAuditRecord(schema, row)),
  };
  await insertAuditEvent(manager, schema, record);
  await moveChainHead(manager, schema, record);
  return record;
}

export interface ChainProblem {
  /** The first row that is wrong or missing. */
  seq: string;
  /** Its id, when the row is there. */
  id: string | null;
  problem: string;
}

export interface ChainReport {
  chain: `${ServiceSchema}.audit_event`;
  entries: number;
  firstSeq: string | null;
  lastSeq: string;
  headHash: string;
  /** Ordered by seq; the first is the first broken row. Empty when the chain verifies. */
  problems: ChainProblem[];
}

const BATCH = 2_000;

/**
 * Checks a chain from its first kept row to its head: each row's hash against its contents,
 * each link to the row before, no seq missing, the first row either the genesis or the row the
 * last purge checkpoint kept from, and the last row the head. Reads in batches, in one snapshot
 * (REPEATABLE READ), so entries appended meanwhile are neither seen nor mistaken for additions.
 */
export async function verifyAuditChain(
  dataSource: DataSource,
  schema: ServiceSchema,
): Promise<ChainReport> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await makeTransactionReadOnly(manager);
    return verifySnapshot(manager, schema);
  });
}

async function verifySnapshot(manager: EntityManager, schema: ServiceSchema): Promise<ChainReport> {
  const chain = `${schema}.audit_event` as const;
  const problems: ChainProblem[] = [];
  const head = await readChainHead(manager, schema);
  if (!head) {
    return {
      chain,
      entries: 0,
      firstSeq: null,
      lastSeq: '0',
      headHash: '',
      problems: [{ seq: '1', id: null, problem: `the chain head (${schema}.audit_chain) is gone` }],
    };
  }
  let first: AuditRecord | null = null;
  let previous: AuditRecord | null = null;
  let lastPurge: AuditDetail | null = null;
  let entries = 0;
  for (;;) {
    const records = await auditEventsAfter(manager, schema, previous?.seq ?? '0', BATCH);
    for (const record of records) {
      entries += 1;
      first ??= record;
      if (previous && BigInt(record.seq) !== BigInt(previous.seq) + 1n) {
        problems.push({
          seq: (BigInt(previous.seq) + 1n).toString(),
          id: null,
          problem: `missing: seq ${previous.seq} is followed by seq ${record.seq}`,
        });
      } else if (previous && record.prevHash !== previous.hash) {
        problems.push({
          seq: record.seq,
          id: record.id,
          problem: `its prev_hash is not the hash of seq ${previous.seq}: that row was altered`,
        });
      }
      if (chainHash(record.prevHash, canonicalAuditRecord(schema, record)) !== record.hash) {
        problems.push({
          seq: record.seq,
          id: record.id,
          problem: 'altered: its hash does not match its contents',
        });
      }
      if (record.action === AuditActions.AuditPurge && record.outcome === 'SUCCESS') {
        lastPurge = record.detail;
      }
      previous = record;
    }
    if (records.length < BATCH) break;
  }

  if (first) {
    if (BigInt(first.seq) === 1n) {
      if (first.prevHash !== GENESIS_HASH) {
        problems.push({
          seq: first.seq,
          id: first.id,
          problem: 'altered: it does not start the chain',
        });
      }
    } else if (
      lastPurge?.['keptFromSeq'] !== first.seq ||
      lastPurge['anchorHash'] !== first.prevHash
    ) {
      problems.push({
        seq: (BigInt(first.seq) - 1n).toString(),
        id: null,
        problem: `missing: the chain starts at seq ${first.seq} and no purge checkpoint says so`,
      });
    }
  }
  const lastSeq = previous?.seq ?? '0';
  if (BigInt(lastSeq) < BigInt(head.last_seq)) {
    problems.push({
      seq: (BigInt(lastSeq) + 1n).toString(),
      id: null,
      problem: `missing: the chain ends at seq ${lastSeq} but its head is at seq ${head.last_seq}`,
    });
  } else if (BigInt(lastSeq) > BigInt(head.last_seq)) {
    problems.push({
      seq: (BigInt(head.last_seq) + 1n).toString(),
      id: null,
      problem: `added: rows after the head (seq ${head.last_seq}) were not written by a service`,
    });
  } else if (previous && previous.hash !== head.last_hash) {
    problems.push({
      seq: previous.seq,
      id: previous.id,
      problem: 'altered: its hash is not the hash the chain head holds',
    });
  }
  problems.sort((a, b) =>
    BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0,
  );
  return {
    chain,
    entries,
    firstSeq: first?.seq ?? null,
    lastSeq,
    headHash: head.last_hash,
    problems,
  };
}

export class AuditChainBroken extends Error {}

export interface PurgeResult {
  chain: `${ServiceSchema}.audit_event`;
  deleted: number;
  /** The first row kept (the purge's own entry when every older row went). */
  keptFromSeq: string | null;
}

/**
 * Removes the entries recorded before `before`, keeping the chain verifiable: the chain is
 * verified first (a broken chain is not purged, so no evidence goes with it); then, under the
 * head's lock, the rows before the first one recorded since `before` are deleted (allowed by the
 * purge setting, for this transaction only) and a checkpoint entry (`audit.purge`, with the seq
 * the chain now starts at and the hash it links to) is appended, against which the verifier
 * accepts the new start.
 */
export async function purgeAuditChain(
  dataSource: DataSource,
  schema: ServiceSchema,
  before: Date,
  actor: AuditActor,
): Promise<PurgeResult> {
  const chain = `${schema}.audit_event` as const;
  const report = await verifyAuditChain(dataSource, schema);
  const [broken] = report.problems;
  if (broken) {
    throw new AuditChainBroken(`${chain} is broken at seq ${broken.seq}; not purged`);
  }
  return dataSource.transaction(async (manager) => {
    const head = await lockChainHead(manager, schema);
    if (!head) throw new AuditChainBroken(`${schema}.audit_chain is gone`);
    const bounds = await purgeBounds(manager, schema, before);
    const first = bounds?.first ?? null;
    const keptFrom = BigInt(bounds?.kept ?? (BigInt(head.last_seq) + 1n).toString());
    if (first === null || keptFrom <= BigInt(first))
      return { chain, deleted: 0, keptFromSeq: first };

    const anchorHash = (await prevHashOf(manager, schema, keptFrom.toString())) ?? head.last_hash;
    const deleted = await deleteAuditEventsBefore(manager, schema, keptFrom.toString());
    await appendAuditEvent(manager, schema, {
      action: AuditActions.AuditPurge,
      outcome: 'SUCCESS',
      actor,
      clientIp: null,
      caseNo: null,
      target: null,
      status: null,
      detail: {
        keptFromSeq: keptFrom.toString(),
        anchorHash,
        deleted,
        before: before.toISOString(),
      },
      correlationId: null,
    });
    return { chain, deleted, keptFromSeq: keptFrom.toString() };
  });
}
