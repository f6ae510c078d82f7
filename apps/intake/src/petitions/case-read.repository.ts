import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseStage, NotificationRowBase, UnitInChain } from '#common';
import type { StaffUnit } from './case-access.js';

/**
 * Reads the other services' state of a case through the versioned views they publish
 * (routing.case_assignment_v1, notify.case_deadline_v1, …). Intake never writes those schemas
 * and never reads their tables directly: the views are the contract.
 */
@Injectable()
export class CaseReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  assignments(petitionId: string) {
    return this.dataSource.query<AssignmentRow[]>(
      `SELECT * FROM routing.case_assignment_v1 WHERE petition_id = $1 ORDER BY assigned_at`,
      [petitionId],
    );
  }

  /** The assignments of several cases (a page of search results), for their access. */
  assignmentsOf(petitionIds: readonly string[]) {
    if (petitionIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query<
      Pick<AssignmentRow, 'petition_id' | 'unit_code' | 'unit_ancestors' | 'status'>[]
    >(
      `SELECT petition_id, unit_code, unit_ancestors, status FROM routing.case_assignment_v1
       WHERE petition_id = ANY ($1::uuid[])`,
      [petitionIds],
    );
  }

  /** A staff member's unit, from routing's directory, with the units above it. */
  async unit(code: string): Promise<StaffUnit | null> {
    const [unit] = await this.dataSource.query<StaffUnit[]>(
      `SELECT kind, level, division_code AS "divisionCode", ancestors
       FROM routing.unit_directory_v1 WHERE code = $1`,
      [code],
    );
    return unit ?? null;
  }

  /** The units a petition accuses or complains about (routing.accused_unit_v1). */
  async accusedUnits(petitionId: string): Promise<UnitInChain[]> {
    return (await this.accusedUnitsOf([petitionId])).get(petitionId) ?? [];
  }

  /** The accused units of several petitions, by petition. */
  async accusedUnitsOf(petitionIds: readonly string[]): Promise<Map<string, UnitInChain[]>> {
    const byPetition = new Map<string, UnitInChain[]>();
    if (petitionIds.length === 0) return byPetition;
    const rows = await this.dataSource.query<
      { petition_id: string; unit_code: string; unit_ancestors: string[] }[]
    >(
      `SELECT petition_id, unit_code, unit_ancestors FROM routing.accused_unit_v1
       WHERE petition_id = ANY ($1::uuid[])`,
      [petitionIds],
    );
    for (const row of rows) {
      const list = byPetition.get(row.petition_id) ?? [];
      list.push({ code: row.unit_code, ancestors: row.unit_ancestors });
      byPetition.set(row.petition_id, list);
    }
    return byPetition;
  }

  deadlines(petitionId: string) {
    return this.dataSource.query<DeadlineRow[]>(
      `SELECT * FROM notify.case_deadline_v1 WHERE petition_id = $1 ORDER BY due_at`,
      [petitionId],
    );
  }

  notifications(petitionId: string) {
    return this.dataSource.query<NotificationRow[]>(
      `SELECT * FROM notify.case_notification_v2 WHERE petition_id = $1 ORDER BY created_at`,
      [petitionId],
    );
  }

  /** Written replies and refusals (答复意见书, 不予受理告知), oldest first. */
  replies(petitionId: string) {
    return this.dataSource.query<ReplyRow[]>(
      `SELECT * FROM routing.case_reply_v1 WHERE petition_id = $1 ORDER BY given_at`,
      [petitionId],
    );
  }

  timeline(petitionId: string) {
    return this.dataSource.query<TimelineRow[]>(
      `SELECT 'intake' AS service, id, occurred_at, type, visible_to_petitioner, data
         FROM intake.timeline_entry WHERE petition_id = $1
       UNION ALL
       SELECT 'routing', id, occurred_at, type, visible_to_petitioner, data
         FROM routing.case_timeline_v1 WHERE petition_id = $1
       UNION ALL
       SELECT 'notify', id, occurred_at, type, visible_to_petitioner, data
         FROM notify.case_timeline_v1 WHERE petition_id = $1
       ORDER BY occurred_at, type`,
      [petitionId],
    );
  }
}

export interface AssignmentRow {
  assignment_id: string;
  petition_id: string;
  role: string;
  /** ASSIGNED, ACCEPTED (open); DECLINED, RETURNED, TRANSFERRED, CONCLUDED (ended). */
  status: string;
  rule: string;
  assigned_at: Date;
  accepted_at: Date | null;
  closed_at: Date | null;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  unit_level: string;
  unit_division_code: string;
  unit_categories: string[];
  unit_ancestors: string[];
  stage: CaseStage;
}

export interface ReplyRow {
  stage: CaseStage;
  kind: 'REPLY' | 'DECLINE';
  legal_basis: string | null;
  text: string;
  given_at: Date;
  unit_code: string;
  unit_name: string;
}

export interface DeadlineRow {
  id: string;
  unit_code: string;
  kind: string;
  starts_at: Date;
  due_at: Date;
  status: string;
  closed_at: Date | null;
  /** Counted into a year whose holiday notice is not loaded: it may still move. */
  provisional: boolean;
}

export interface NotificationRow extends NotificationRowBase {
  created_at: Date;
  sent_at: Date | null;
  /** As staff may read it: the receipt's query code masked. Null for notices of before. */
  subject: string | null;
  text: string | null;
}

export interface TimelineRow {
  service: string;
  id: string;
  occurred_at: Date;
  type: string;
  visible_to_petitioner: boolean;
  data: Record<string, unknown>;
}
