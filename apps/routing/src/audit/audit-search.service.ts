import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActions, AuditTrail, type StaffUser } from '#common';
import {
  PublishedViewsRepository,
  type AuditEventRow,
} from '../database/published-views.repository.js';
import type { AuditSearch } from './audit-search.schemas.js';

/**
 * The audit trails of the three services, searched together through their read contracts
 * (`intake.audit_event_v1`, `routing.audit_event_v1`, `notify.audit_event_v1`), newest first.
 * Admins search everything; a supervisor the entries of staff of their unit and of the units
 * under it (routing's directory says which), nothing of other units, petitioners or unknown
 * usernames. Each search is itself recorded (`audit.search`, with its filters).
 */
@Injectable()
export class AuditSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async search(staff: StaffUser, filters: AuditSearch) {
    const { total, rows } = await new PublishedViewsRepository(this.dataSource.manager).auditEvents(
      filters,
      // Supervisors: staff of their unit and of every unit under it.
      staff.roles.includes('admin') ? null : staff.unitCode,
    );
    await this.audit.record(undefined, {
      action: AuditActions.AuditSearch,
      actor: staff,
      caseNo: filters.caseNo ?? null,
      detail: {
        staff: filters.staff ?? null,
        from: filters.from ?? null,
        to: filters.to ?? null,
        action: filters.action ?? null,
        outcome: filters.outcome ?? null,
        service: filters.service ?? null,
        scope: staff.roles.includes('admin') ? 'ALL' : staff.unitCode,
      },
    });
    return {
      items: rows.map(toItem),
      page: filters.page,
      pageSize: filters.pageSize,
      total,
    };
  }
}

function toItem(row: AuditEventRow) {
  return {
    service: row.service,
    seq: row.seq,
    id: row.id,
    at: row.occurred_at,
    actor: { id: row.actor_id, username: row.actor_username, unitCode: row.actor_unit },
    clientIp: row.client_ip,
    action: row.action,
    outcome: row.outcome,
    status: row.status,
    caseNo: row.case_no,
    target: row.target_type === null ? null : { type: row.target_type, id: row.target_id },
    detail: row.detail,
    correlationId: row.correlation_id,
  };
}
