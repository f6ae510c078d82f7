import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  AuditActions,
  AuditOutcomes,
  AuditTrail,
  CASE_NO_PATTERN,
  type AuditDetail,
  type AuditOutcome,
  type StaffUser,
} from '#common';

/** The services whose chains are searched, each through its `<schema>.audit_event_v1` view. */
export const AUDITED_SERVICES = ['intake', 'routing', 'notify'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A China day (`2026-11-22`, the whole day) or an instant with its offset. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const auditSearchSchema = z.strictObject({
  /** Who acted: a staff account's id or username. */
  staff: z.string().trim().min(1).max(64).optional(),
  caseNo: z.string().regex(CASE_NO_PATTERN).optional(),
  /** From this instant, or the start of this China day. */
  from: moment.optional(),
  /** Up to this instant, or the end of this China day. */
  to: moment.optional(),
  /** An action exactly: `case.view`, `auth.login`, `POST /api/v1/workbench/cases/:caseNo/accept`… */
  action: z.string().min(1).max(200).optional(),
  outcome: z.enum(AuditOutcomes).optional(),
  service: z.enum(AUDITED_SERVICES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditSearch = z.infer<typeof auditSearchSchema>;

interface AuditViewRow {
  service: (typeof AUDITED_SERVICES)[number];
  seq: string;
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_unit: string | null;
  client_ip: string | null;
  action: string;
  outcome: AuditOutcome;
  case_no: string | null;
  target_type: string | null;
  target_id: string | null;
  status: number | null;
  detail: AuditDetail;
  correlation_id: string | null;
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

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
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const conditions: string[] = [];
    if (filters.staff !== undefined) {
      conditions.push(
        UUID.test(filters.staff)
          ? `e.actor_id = ${param(filters.staff)}::uuid`
          : `e.actor_username = ${param(filters.staff)}`,
      );
    }
    if (filters.caseNo !== undefined) conditions.push(`e.case_no = ${param(filters.caseNo)}`);
    if (filters.from !== undefined) {
      conditions.push(
        isDay(filters.from)
          ? `e.occurred_at >= (${param(filters.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`
          : `e.occurred_at >= ${param(filters.from)}::timestamptz`,
      );
    }
    if (filters.to !== undefined) {
      conditions.push(
        isDay(filters.to)
          ? `e.occurred_at < (${param(filters.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`
          : `e.occurred_at <= ${param(filters.to)}::timestamptz`,
      );
    }
    if (filters.action !== undefined) conditions.push(`e.action = ${param(filters.action)}`);
    if (filters.outcome !== undefined) conditions.push(`e.outcome = ${param(filters.outcome)}`);
    if (!staff.roles.includes('admin')) {
      // Supervisors: staff of their unit and of every unit under it.
      const unit = param(staff.unitCode);
      conditions.push(`e.actor_unit IN (SELECT u.code FROM routing.unit_directory_v1 u
                                         WHERE u.code = ${unit} OR ${unit} = ANY (u.ancestors))`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const services = filters.service ? [filters.service] : AUDITED_SERVICES;
    const union = services
      .map(
        (service) => `SELECT '${service}' AS service, e.seq, e.id, e.occurred_at, e.actor_id,
                        e.actor_username, e.actor_unit, e.client_ip, e.action, e.outcome,
                        e.case_no, e.target_type, e.target_id, e.status, e.detail,
                        e.correlation_id
                      FROM ${service}.audit_event_v1 e ${where}`,
      )
      .join(' UNION ALL ');
    const [counted] = await this.dataSource.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM (${union}) x`,
      params,
    );
    const rows = await this.dataSource.query<AuditViewRow[]>(
      `SELECT x.* FROM (${union}) x
       ORDER BY x.occurred_at DESC, x.service, x.seq DESC
       LIMIT ${param(filters.pageSize)} OFFSET ${param((filters.page - 1) * filters.pageSize)}`,
      params,
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
      total: Number(counted?.total ?? 0),
    };
  }
}

function toItem(row: AuditViewRow) {
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
