/**
 * Failures of a job that say nothing about the job itself, so that it is run again once their
 * cause is gone instead of staying failed for good (see JobRedriver):
 * - `infrastructure`: PostgreSQL or Redis could not be reached or dropped the connection;
 * - `awaiting-predecessor`: an event came before the one it follows (jobs are retried with
 *   backoff and run by several replicas at once, so their order is not the order they occurred).
 * Any other failure (a bug, a malformed payload, a rule refusing the change) is a dead letter.
 */
export type RedriveReason = 'infrastructure' | 'awaiting-predecessor';

/** Thrown by a handler whose event cannot apply yet: what it follows has not been applied. */
export class AwaitingPredecessor extends Error {}

/** What a job that failed for a redrivable reason fails with: its reason leads the message. */
export class RedrivableFailure extends Error {
  constructor(
    readonly reason: RedriveReason,
    cause: unknown,
  ) {
    super(`[${reason}] ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Socket errors: the server is down, unreachable, or dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL's SQLSTATEs of an unusable server: connection exceptions (class 08), the server
 * shutting down or starting (57P01-57P03), out of connections (53300).
 */
const isServerUnavailable = (sqlState: string) =>
  sqlState.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(sqlState);

/** How node-postgres and ioredis report a connection lost or never made. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Connection is closed/,
  /enableOfflineQueue options is false/,
  /Reached the max retries per request limit/,
  // TypeORM, when a transaction's connection was lost under it (seen in `npm run chaos` during a
  // PostgreSQL restart): the runner was released with the broken connection.
  /query runner was already released|Query runner already released/,
];

/** Whether an error (or what it wraps) says PostgreSQL or Redis was unreachable. */
export function isInfrastructureFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code, driverError, errors } = error as Error & {
    code?: unknown;
    driverError?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isServerUnavailable(code))) {
    return true;
  }
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  const wrapped: unknown[] = [error.cause, driverError];
  if (Array.isArray(errors)) wrapped.push(...(errors as unknown[]));
  return wrapped.some((inner) => isInfrastructureFailure(inner, depth + 1));
}

/** Why a job's failure may be redriven, or null when it is a dead letter. */
export function redriveReasonOf(error: unknown): RedriveReason | null {
  if (error instanceof RedrivableFailure) return error.reason;
  if (error instanceof AwaitingPredecessor) return 'awaiting-predecessor';
  return isInfrastructureFailure(error) ? 'infrastructure' : null;
}

/** The redrivable reason a failed job's recorded failure names, or null. */
export function redriveReasonRecorded(failedReason: string | undefined): RedriveReason | null {
  const match = /^\[(infrastructure|awaiting-predecessor)\] /.exec(failedReason ?? '');
  return (match?.[1] as RedriveReason | undefined) ?? null;
}
