import type { EntityManager } from 'typeorm';
import type { FailureReason } from './login-throttle.service.js';

/** routing.login_failure: every failed sign-in (never the password). */
export class LoginFailuresRepository {
  constructor(private readonly manager: EntityManager) {}

  async add(failure: {
    endpoint: 'login' | 'password';
    username: string;
    staffId: string | null;
    clientIp: string;
    reason: FailureReason;
    lockedForSeconds: number | null;
  }): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.login_failure
         (endpoint, username, staff_id, client_ip, reason, locked_for_seconds)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        failure.endpoint,
        failure.username,
        failure.staffId,
        failure.clientIp,
        failure.reason,
        failure.lockedForSeconds,
      ],
    );
  }

  /** The recent failures of a username (any case) and of a client IP. */
  async countSince(
    username: string,
    clientIp: string,
    windowSeconds: number,
  ): Promise<{ user: number; ip: number }> {
    const [row] = await this.manager.query<{ user: number; ip: number }[]>(
      `SELECT count(*) FILTER (WHERE lower(username) = lower($1))::int AS user,
              count(*) FILTER (WHERE client_ip = $2)::int AS ip
       FROM routing.login_failure
       WHERE occurred_at > now() - make_interval(secs => $3)
         AND (lower(username) = lower($1) OR client_ip = $2)`,
      [username, clientIp, windowSeconds],
    );
    return { user: row?.user ?? 0, ip: row?.ip ?? 0 };
  }
}
