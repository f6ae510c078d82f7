import { AsyncLocalStorage } from 'node:async_hooks';
import { SetMetadata } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/decorators.js';
import { CASE_NO_PATTERN } from '../contract/case-number.js';
import type { AuditActor, AuditOutcome } from './audit-entry.js';

/** The entry for a state-changing request, prepared before its handler runs. */
export interface RouteEntry {
  /** `POST /api/v1/workbench/cases/:caseNo/accept`: the method and the route's pattern. */
  action: string;
  caseNo: string | null;
  target: { type: string; id: string } | null;
  /** What the route acts on, from its path (`cases`, `units`, `duty-rosters`…). */
  resource: string;
  /** The status the route answers when it succeeds (201 for a POST unless @HttpCode says). */
  successStatus: number;
}

/** What the audit trail knows of the request being served. */
export class AuditScope {
  /** Set by the interceptor for a state-changing request whose handler runs. */
  route: RouteEntry | null = null;
  /** A transaction is writing the route entry (see AuditTrail.beforeCommit). */
  claimed = false;
  /** The route entry committed with a transaction of the request. */
  written = false;

  constructor(readonly request: AuthenticatedRequest) {}

  /** The staff member the token names, once the guard has checked it. */
  get actor(): AuditActor | null {
    const staff = this.request.staff;
    return staff ? { id: staff.id, username: staff.username, unitCode: staff.unitCode } : null;
  }

  /** The client's address as Express sees it (its `trust proxy` setting decides). */
  get clientIp(): string | null {
    return this.request.ip ?? this.request.socket.remoteAddress ?? null;
  }
}

const storage = new AsyncLocalStorage<AuditScope>();

export const currentAuditScope = (): AuditScope | undefined => storage.getStore();

export function runInAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export const AUDIT_SKIP = Symbol('AUDIT_SKIP');

/**
 * The route is not recorded by the audit interceptor: machine callbacks (SMS delivery reports),
 * or a route whose own recorder writes a better entry. Say why where it is used.
 */
export const SkipAudit = () => SetMetadata(AUDIT_SKIP, true);

const RECORDED_ELSEWHERE = Symbol('RECORDED_ELSEWHERE');

/** A recorder of its own (the login's) has the request: the generic one leaves it alone. */
export function markRecordedElsewhere(request: object) {
  (request as Record<symbol, boolean>)[RECORDED_ELSEWHERE] = true;
}

export function isRecordedElsewhere(request: object): boolean {
  return (request as Record<symbol, boolean | undefined>)[RECORDED_ELSEWHERE] === true;
}

/** SUCCESS below 400; DENIED for 401, 403, 429 (no access, locked out); FAILURE otherwise. */
export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'SUCCESS';
  return status === 401 || status === 403 || status === 429 ? 'DENIED' : 'FAILURE';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Ids and codes of this system (uuids, unit and division codes, provider names), nothing longer.
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/** A case number when the value is one. */
export function caseNoIn(value: unknown): string | null {
  const caseNo = field(value, 'caseNo');
  return typeof caseNo === 'string' && CASE_NO_PATTERN.test(caseNo) ? caseNo : null;
}

/**
 * The `id` (a uuid) of a request's body, or the `id` or `code` (a unit's) of what a handler or
 * transaction returned. A body's `code` is never taken: it may be a one-time verification code.
 */
export function idIn(value: unknown, from: 'body' | 'result' = 'result'): string | null {
  const id = field(value, 'id');
  if (typeof id === 'string' && UUID.test(id)) return id;
  if (from === 'body') return null;
  const code = field(value, 'code');
  return typeof code === 'string' && TOKEN.test(code) ? code : null;
}

/** A route parameter as stored: an id or code, or a mark that it was something else. */
export const safeParam = (value: string) => (TOKEN.test(value) ? value : '(not an id)');
