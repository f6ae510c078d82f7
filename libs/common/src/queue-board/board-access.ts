import type { Role } from '../contract/domain.js';

/** What a staff member may do on the queue board. */
export type BoardAccess = 'full' | 'read-only' | 'none';

/** Admins retry and clean jobs; supervisors watch; nobody else sees the queues. */
export function boardAccessOf(roles: readonly Role[]): BoardAccess {
  if (roles.includes('admin')) return 'full';
  if (roles.includes('supervisor')) return 'read-only';
  return 'none';
}

/** Requests that only read: what a read-only board lets through. */
export const isReadOnlyMethod = (method: string) => method === 'GET' || method === 'HEAD';
