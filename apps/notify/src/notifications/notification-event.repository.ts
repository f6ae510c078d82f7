import type { EntityManager } from 'typeorm';

/**
 * The steps of a notification's life, each recorded as it happens: QUEUED (stored), HELD (quiet
 * hours), SENDING (handed to a provider), SENT (accepted), RETRY (a temporary failure, tried
 * again later), DELIVERED / FAILED (a receipt, a refusal, attempts spent), UNCONFIRMED (no
 * answer from the provider), REQUEUED (an operator sends it again), REDISPATCHED (its dispatch job
 * was lost and another was queued).
 */
export type NotificationEventName =
  | 'QUEUED'
  | 'HELD'
  | 'SENDING'
  | 'SENT'
  | 'RETRY'
  | 'DELIVERED'
  | 'FAILED'
  | 'UNCONFIRMED'
  | 'REQUEUED'
  | 'REDISPATCHED';

export interface NotificationEvent {
  notificationId: string;
  event: NotificationEventName;
  provider?: string | null;
  attempt?: number | null;
  errorCode?: string | null;
  staffId?: string | null;
}

/** Appends events to notifications' histories, in the caller's transaction, with one insert. */
export async function recordEvents(
  manager: EntityManager,
  events: NotificationEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO notify.notification_event
       (notification_id, event, provider, attempt, error_code, staff_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::uuid[])`,
    [
      events.map((e) => e.notificationId),
      events.map((e) => e.event),
      events.map((e) => e.provider ?? null),
      events.map((e) => e.attempt ?? null),
      events.map((e) => e.errorCode ?? null),
      events.map((e) => e.staffId ?? null),
    ],
  );
}

export function recordEvent(manager: EntityManager, event: NotificationEvent): Promise<void> {
  return recordEvents(manager, [event]);
}
