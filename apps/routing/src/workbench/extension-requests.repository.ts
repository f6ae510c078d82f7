import type { EntityManager } from 'typeorm';
import type { PendingRequest } from './workbench-steps.js';

/** routing.extension_request: a unit's one request to extend its time limit (延期). */
export class ExtensionRequestsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** A new pending request; false when the assignment already asked once. */
  async addPending(request: PendingRequest & { days: number }): Promise<boolean> {
    const [created] = await this.manager.query<unknown[]>(
      `INSERT INTO routing.extension_request
         (id, assignment_id, days, reason, requested_by, requested_at, status)
       VALUES ($1, $2, $3, $4, $5, now(), 'PENDING')
       ON CONFLICT (assignment_id) DO NOTHING RETURNING id`,
      [request.id, request.assignmentId, request.days, request.reason, request.requestedBy],
    );
    return Boolean(created);
  }

  /** The assignment's pending request, locked. */
  async lockPending(
    assignmentId: string,
  ): Promise<{ id: string; days: number; reason: string } | undefined> {
    const [request] = await this.manager.query<{ id: string; days: number; reason: string }[]>(
      `SELECT id, days, reason FROM routing.extension_request
       WHERE assignment_id = $1 AND status = 'PENDING' FOR UPDATE`,
      [assignmentId],
    );
    return request;
  }

  async decide(id: string, status: 'APPROVED' | 'REJECTED', decidedBy: string): Promise<void> {
    await this.manager.query(
      `UPDATE routing.extension_request SET status = $2, decided_by = $3, decided_at = now()
       WHERE id = $1`,
      [id, status, decidedBy],
    );
  }
}
