import { pageOffset, PROVISIONAL_DEADLINE_LABEL } from '#common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffUser } from '#common';
import { PublishedViewsRepository } from '../database/published-views.repository.js';

import { deadlineState } from './case-workflow.js';
import type { WorkbenchQuery } from './workbench.schemas.js';

/**
 * My unit's open cases, most urgent first: the nearest open deadline decides, so overdue cases
 * lead, then those due soonest; cases whose clocks have not opened yet come last.
 */
@Injectable()
export class WorkbenchListService {
  constructor(private readonly dataSource: DataSource) {}

  async list(staff: StaffUser, query: WorkbenchQuery, now = new Date()) {
    const rows = await new PublishedViewsRepository(this.dataSource.manager).workbenchCases(
      staff.unitCode,
      query.status ?? null,
      query.pageSize,
      pageOffset(query),
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
          // Counted before the year's holiday notice was loaded: it may still move.
          provisional: d.provisional,
          ...(d.provisional && { provisionalNote: PROVISIONAL_DEADLINE_LABEL }),
        })),
      })),
    };
  }
}
