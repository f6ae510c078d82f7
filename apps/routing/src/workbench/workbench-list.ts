import { bureauCovers } from '#common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffUser } from '#common';
import { Unit } from '../database/unit.entity.js';

import { deadlineState } from './case-workflow.js';
import type { WorkbenchQuery } from './workbench.schemas.js';

interface WorkbenchRow {
  assignment_id: string;
  case_no: string;
  title: string | null;
  role: string;
  stage: string;
  status: string;
  forwarding: boolean;
  assigned_at: Date;
  accepted_at: Date | null;
  major_reasons: string[];
  responsible_leader_id: string | null;
  pending_extension: boolean;
  deadlines: { kind: string; dueAt: string }[];
  supervisions: { id: string; instructions: string; answerDueAt: string }[];
  total: string;
}

/**
 * My unit's open cases, most urgent first: the nearest open deadline decides, so overdue cases
 * lead, then those due soonest; cases whose clocks have not opened yet come last.
 */
@Injectable()
export class WorkbenchList {
  constructor(private readonly dataSource: DataSource) {}

  async list(staff: StaffUser, query: WorkbenchQuery, now = new Date()) {
    const rows = await this.dataSource.query<WorkbenchRow[]>(
      `SELECT a.id AS assignment_id, a.case_no, p.title, a.role, a.stage, a.status, a.forwarding,
              a.assigned_at, a.accepted_at, f.major_reasons, f.responsible_leader_id,
              EXISTS (SELECT 1 FROM routing.extension_request e
                      WHERE e.assignment_id = a.id AND e.status = 'PENDING') AS pending_extension,
              COALESCE(d.deadlines, '[]') AS deadlines, d.first_due,
              COALESCE((SELECT json_agg(json_build_object('id', s.id, 'instructions', s.instructions,
                                                          'answerDueAt', s.answer_due_at))
                        FROM routing.supervision s
                        WHERE s.petition_id = a.petition_id AND s.unit_code = a.unit_code
                          AND s.status = 'OPEN'), '[]') AS supervisions,
              count(*) OVER () AS total
       FROM routing.assignment a
       JOIN routing.case_file f ON f.petition_id = a.petition_id
       LEFT JOIN intake.petition_for_routing_v1 p ON p.id = a.petition_id
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('kind', kind, 'dueAt', due_at) ORDER BY due_at) AS deadlines,
                min(due_at) AS first_due
         FROM notify.case_deadline_v1
         WHERE petition_id = a.petition_id AND unit_code = a.unit_code AND status = 'OPEN'
       ) d ON true
       WHERE a.unit_code = $1 AND a.status IN ('ASSIGNED', 'ACCEPTED')
         AND ($2::text IS NULL OR a.status = $2)
       ORDER BY d.first_due NULLS LAST, a.assigned_at
       LIMIT $3 OFFSET $4`,
      [staff.unitCode, query.status ?? null, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return {
      total: Number(rows[0]?.total ?? 0),
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => ({
        caseNo: row.case_no,
        title: row.title,
        role: row.role,
        stage: row.stage,
        status: row.status,
        forwarding: row.forwarding,
        assignedAt: row.assigned_at,
        acceptedAt: row.accepted_at,
        major: row.major_reasons.length > 0,
        majorReasons: row.major_reasons,
        responsibleLeaderId: row.responsible_leader_id,
        pendingExtension: row.pending_extension,
        // Open supervision notices (督办) the unit must answer.
        supervisions: row.supervisions,
        deadlines: row.deadlines.map((d) => ({
          kind: d.kind,
          dueAt: d.dueAt,
          state: deadlineState(new Date(d.dueAt), now),
        })),
      })),
    };
  }

  /**
   * Transfer requests waiting for a dispatcher: those of units in the territory of the caller's
   * petition bureau (its county, or the whole prefecture for the prefecture's bureau).
   */
  async pendingTransfers(staff: StaffUser) {
    const bureau = await this.dataSource.getRepository(Unit).findOneBy({ code: staff.unitCode });
    if (bureau?.kind !== 'PETITION_BUREAU') return { items: [] };
    const rows = await this.dataSource.query<
      {
        id: string;
        case_no: string;
        from_unit: string;
        from_division: string;
        to_unit: string;
        reason: string;
        requested_at: Date;
      }[]
    >(
      `SELECT t.id, a.case_no, a.unit_code AS from_unit, u.division_code AS from_division,
              t.to_unit_code AS to_unit, t.reason, t.requested_at
       FROM routing.transfer_request t
       JOIN routing.assignment a ON a.id = t.assignment_id
       JOIN routing.unit u ON u.code = a.unit_code
       WHERE t.status = 'PENDING'
       ORDER BY t.requested_at`,
    );
    return {
      items: rows
        .filter((row) => bureauCovers(bureau, row.from_division))
        .map((row) => ({
          id: row.id,
          caseNo: row.case_no,
          fromUnitCode: row.from_unit,
          toUnitCode: row.to_unit,
          reason: row.reason,
          requestedAt: row.requested_at,
        })),
    };
  }
}
