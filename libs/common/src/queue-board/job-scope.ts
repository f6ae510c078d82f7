import type { Queryable, StaffScope } from '../auth/staff-scope.js';
import { petitionsInScope, petitionsOfNotifications } from './job-scope.repository.js';

/** What a job's payload says about where it belongs. */
interface Subject {
  unitCode?: string;
  petitionIds: string[];
  notificationId?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function subjectOf(data: unknown): Subject {
  const payload = (data as { payload?: Record<string, unknown> } | null)?.payload ?? {};
  const ids = Array.isArray(payload.petitionIds) ? payload.petitionIds.map(text) : [];
  return {
    unitCode: text(payload.unitCode),
    petitionIds: [text(payload.petitionId), ...ids].filter((id) => id !== undefined),
    notificationId: text(payload.notificationId),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which jobs lie within a supervisor's scope. A job that names a unit (assigned, accepted,
 * overdue, supervision…) belongs to that unit. One that names petitions (received, repeated,
 * hotspot, evaluated…) or a notification belongs to the units the petitions are assigned to and,
 * for a petition bureau, to its territory where the petitions arose. Anything else (a job that
 * names neither) is outside every scope but an admin's.
 */
export async function jobsInScope(
  db: Queryable,
  scope: StaffScope,
  jobs: readonly { data?: unknown }[],
): Promise<boolean[]> {
  if (scope.all) return jobs.map(() => true);
  const subjects = jobs.map((job) => subjectOf(job.data));
  const notificationIds = [
    ...new Set(subjects.flatMap((s) => (s.notificationId ? [s.notificationId] : []))),
  ].filter((id) => UUID.test(id));
  const petitionOf =
    notificationIds.length > 0
      ? await petitionsOfNotifications(db, notificationIds)
      : new Map<string, string>();
  const petitionsOf = (s: Subject) => [
    ...s.petitionIds,
    ...(s.notificationId && petitionOf.has(s.notificationId)
      ? [petitionOf.get(s.notificationId) ?? '']
      : []),
  ];
  const petitionIds = [...new Set(subjects.flatMap(petitionsOf))].filter((id) => UUID.test(id));
  const seen =
    petitionIds.length > 0 ? await petitionsInScope(db, petitionIds, scope) : new Set<string>();
  return subjects.map((s) =>
    s.unitCode !== undefined
      ? scope.unitCodes.includes(s.unitCode)
      : petitionsOf(s).some((id) => seen.has(id)),
  );
}
