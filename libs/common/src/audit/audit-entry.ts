import { createHash } from 'node:crypto';

/** What came of the action: done, failed (an error, a refusal by the rules), or refused access. */
export const AuditOutcomes = ['SUCCESS', 'FAILURE', 'DENIED'] as const;
export type AuditOutcome = (typeof AuditOutcomes)[number];

/**
 * Actions recorded by name. Every state-changing HTTP request is also recorded by its route
 * (`POST /api/v1/workbench/cases/:caseNo/accept`) without anyone calling the API.
 */
export const AuditActions = {
  /** A sign-in, successful or not (FAILURE: wrong credentials; DENIED: locked out, throttled). */
  Login: 'auth.login',
  /** An account created, changed (roles, unit, password, active) or disabled. */
  AccountCreate: 'account.create',
  AccountChange: 'account.change',
  /** A staff case view that showed a petitioner's personal data (detail.personalData). */
  CaseView: 'case.view',
  /** Search results that showed personal data unmasked (none do today). */
  CaseSearch: 'case.search',
  /** A registrar's check, before registering, that found these people's earlier case. */
  RepeatCheck: 'case.repeat-check',
  AttachmentDownload: 'attachment.download',
  /** Staff confirmed what the online form only claimed (detail.claim: COLLECTIVE): paging starts. */
  UrgencyConfirm: 'case.urgency-confirm',
  /** A call-back (回访) opened to call: it shows the petitioner's phone. */
  CallBackView: 'call-back.view',
  /** Data taken out of the system (detail: kind, rows, the filters); none exist yet. */
  Export: 'data.export',
  /** Someone read the audit trail (detail: the filters). */
  AuditSearch: 'audit.search',
  /** A change made on the queue board (retry, clean, remove, pause…); target: the queue, or the job. */
  QueueBoardAction: 'queue-board.action',
  /** A queue-board session opened with an API token. */
  QueueBoardSession: 'queue-board.session',
  /** The retention purge (detail: keptFromSeq, anchorHash, deleted, before). */
  AuditPurge: 'audit.purge',
  /** A year's holiday notice loaded (detail: year, holidays, workdays, moved, confirmed, via). */
  CalendarLoad: 'calendar.load',
} as const;

/** Who acted. A StaffUser is one; all null for a petitioner or anyone without a token. */
export interface AuditActor {
  id: string | null;
  username: string | null;
  unitCode: string | null;
}

/** Ids, codes, numbers and flags only: never a name, a phone number or a text someone wrote. */
export type AuditDetailValue = string | number | boolean | null | readonly string[];
export type AuditDetail = Readonly<Record<string, AuditDetailValue>>;

/** What a caller gives AuditTrail.record; the request supplies the actor and address by default. */
export interface AuditEntry {
  action: string;
  /** SUCCESS unless said otherwise. */
  outcome?: AuditOutcome;
  /** The request's staff member when omitted; null for nobody (a petitioner, the public). */
  actor?: AuditActor | null;
  /** The request's client address when omitted. */
  clientIp?: string | null;
  /** The case the action was on (a case number, never a petitioner's name). */
  caseNo?: string | null;
  /** What else it was on: an attachment, an account, a unit… by id or code. */
  target?: { type: string; id: string } | null;
  /** The HTTP status answered, when the action was a request. */
  status?: number | null;
  detail?: AuditDetail;
}

/** One row of a chain, as stored. */
export interface AuditRecord {
  seq: string;
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorUsername: string | null;
  actorUnit: string | null;
  clientIp: string | null;
  action: string;
  outcome: AuditOutcome;
  caseNo: string | null;
  targetType: string | null;
  targetId: string | null;
  status: number | null;
  detail: AuditDetail;
  correlationId: string | null;
  prevHash: string;
  hash: string;
}

/** The prev_hash of a chain's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The transaction-local setting under which the retention purge (`npm run cli -- audit:purge`)
 * may delete rows. Nothing else sets it; the services never do.
 */
export const AUDIT_PURGE_SETTING = 'xinfang.audit_purge';

/** JSON with object keys sorted at every level: one text for one value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The canonical text of a row: every column but the hashes, in a fixed order, with the chain's
 * name, so that a row cannot be moved to another chain or have any column changed unseen.
 */
export function canonicalAuditRecord(chain: string, row: Omit<AuditRecord, 'prevHash' | 'hash'>) {
  return canonicalJson([
    chain,
    row.seq,
    row.id,
    row.occurredAt.toISOString(),
    row.actorId,
    row.actorUsername,
    row.actorUnit,
    row.clientIp,
    row.action,
    row.outcome,
    row.caseNo,
    row.targetType,
    row.targetId,
    row.status,
    row.detail,
    row.correlationId,
  ]);
}

/** hash = sha256(prev_hash || canonical(entry)), in hex. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
