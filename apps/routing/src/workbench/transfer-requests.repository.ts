import type { EntityManager } from 'typeorm';
import type { PendingRequest } from './workbench-steps.js';

export interface TransferRequestRow {
  assignment_id: string;
  to_unit_code: string;
  reason: string;
  status: string;
}

export interface PendingTransferRow {
  id: string;
  case_no: string;
  from_unit: string;
  from_division: string;
  to_unit: string;
  reason: string;
  requested_at: Date;
}

/** routing.transfer_request: units' requests to hand a case to another (转办). */
export class TransferRequestsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** A new pending request; false when the assignment already has one pending. */
  async addPending(request: PendingRequest & { toUnitCode: string }): Promise<boolean> {
    const [pending] = await this.manager.query<unknown[]>(
      `INSERT INTO routing.transfer_request
         (id, assignment_id, to_unit_code, reason, requested_by, requested_at, status)
       VALUES ($1, $2, $3, $4, $5, now(), 'PENDING')
       ON CONFLICT (assignment_id) WHERE status = 'PENDING' DO NOTHING RETURNING id`,
      [request.id, request.assignmentId, request.toUnitCode, request.reason, request.requestedBy],
    );
    return Boolean(pending);
  }

  async lock(id: string): Promise<TransferRequestRow | undefined> {
    const [transfer] = await this.manager.query<TransferRequestRow[]>(
      `SELECT * FROM routing.transfer_request WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return transfer;
  }

  async decide(id: string, status: 'APPROVED' | 'REJECTED', decidedBy: string): Promise<void> {
    await this.manager.query(
      `UPDATE routing.transfer_request SET status = $2, decided_by = $3, decided_at = now()
       WHERE id = $1`,
      [id, status, decidedBy],
    );
  }

  /** Every pending request, oldest first, with the unit holding the case and its division. */
  pending(): Promise<PendingTransferRow[]> {
    return this.manager.query<PendingTransferRow[]>(
      `SELECT t.id, a.case_no, a.unit_code AS from_unit, u.division_code AS from_division,
              t.to_unit_code AS to_unit, t.reason, t.requested_at
       FROM routing.transfer_request t
       JOIN routing.assignment a ON a.id = t.assignment_id
       JOIN routing.unit u ON u.code = a.unit_code
       WHERE t.status = 'PENDING'
       ORDER BY t.requested_at`,
    );
  }
}
