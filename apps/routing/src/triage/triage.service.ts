import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ApiError,
  forbidden,
  notFound,
  Transactions,
  validationFailed,
  type Category,
  type CaseStage,
  type Nature,
  type StaffUser,
  territoryPrefix,
} from '#common';
import { assignCase } from '../assignments/assign-case.js';
import { tellLegalChannel } from '../assignments/legal-channel-notice.js';
import type { Suggestion } from '../assignments/petition-router.js';
import { legalChannelOf } from '../classification/matter-reader.js';
import { Unit } from '../database/unit.entity.js';

import { MAX_RETURNS } from '../workbench/case-workflow.js';
import type { Page, TriageDecision } from './triage.schemas.js';

/** The rule recorded on an assignment a dispatcher decided. */
export const DISPATCHER_DECISION = 'DISPATCHER_DECISION';

interface QueueRow {
  case_no: string;
  title: string;
  division_code: string;
  channel: string;
  received_at: Date;
  triage_reason: string | null;
  returns: number;
  major_reasons: string[];
  waiting_since: Date;
  given_nature: Nature | null;
  given_category: Category | null;
  nature: Nature | null;
  category: Category | null;
  confidence: string | null;
  evidence: { nature: string[]; category: string[] } | null;
  suggested_unit_code: string | null;
  suggested_rule: string | null;
  suggestions: Suggestion[] | null;
  model_version: string | null;
  accused: {
    kind: string;
    nameAsWritten: string;
    position: string | null;
    unitCode: string | null;
  }[];
  total: string;
}

interface ClaimedCase {
  petition_id: string;
  awaiting_triage: boolean;
  triage_reason: string | null;
  returns: number;
  stage: CaseStage;
}

interface CorrectionRow {
  case_no: string;
  triage_reason: string | null;
  predicted_nature: string | null;
  predicted_category: string | null;
  predicted_unit_code: string | null;
  confirmed_nature: string;
  confirmed_category: string;
  confirmed_unit_code: string;
  reason: string | null;
  dispatcher_id: string;
  decided_at: Date;
  total: string;
}

const notAwaitingTriage = () =>
  new ApiError(HttpStatus.CONFLICT, 'NOT_AWAITING_TRIAGE', {
    zh: '该信访件已不在待分办队列中，可能已由他人分办',
    en: 'The case is no longer awaiting triage; another dispatcher may have decided it',
  });

const unknownUnit = () =>
  validationFailed([
    {
      field: 'unitCode',
      code: 'unit_unknown',
      messages: { zh: '单位不存在', en: 'is not a unit of the directory' },
    },
  ]);

/**
 * The petition bureau's manual triage queue (人工分办): cases the rules did not route, or that a
 * unit gave back, within the dispatcher's territory; a dispatcher's decision assigns the case and
 * is kept beside the classifier's prediction.
 */
@Injectable()
export class TriageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async queue(staff: StaffUser, { page, pageSize }: Page) {
    const prefix = await this.territoryOf(this.dataSource.manager, staff);
    const rows = await this.dataSource.query<QueueRow[]>(
      `SELECT cf.case_no, p.title, p.division_code, p.channel, p.received_at, cf.triage_reason,
              cf.returns, cf.major_reasons, cf.updated_at AS waiting_since,
              p.nature AS given_nature, p.category AS given_category,
              c.nature, c.category, c.confidence, c.evidence, c.suggested_unit_code,
              c.suggested_rule, c.suggestions, c.model_version,
              COALESCE((SELECT json_agg(json_build_object(
                          'kind', a.kind, 'nameAsWritten', a.name_as_written,
                          'position', a.position, 'unitCode', a.unit_code)
                          ORDER BY a.recorded_at)
                        FROM routing.accused_party a
                        WHERE a.petition_id = cf.petition_id AND a.withdrawn_at IS NULL),
                       '[]') AS accused,
              count(*) OVER () AS total
       FROM routing.case_file cf
       JOIN intake.petition_for_routing_v1 p ON p.id = cf.petition_id
       LEFT JOIN routing.classification c ON c.petition_id = cf.petition_id
       WHERE cf.awaiting_triage AND p.division_code LIKE $1 || '%'
       ORDER BY cf.updated_at, cf.case_no
       LIMIT $2 OFFSET $3`,
      [prefix, pageSize, (page - 1) * pageSize],
    );
    return {
      items: rows.map((row) => ({
        caseNo: row.case_no,
        title: row.title,
        divisionCode: row.division_code,
        channel: row.channel,
        receivedAt: row.received_at,
        triageReason: row.triage_reason,
        returns: row.returns,
        majorReasons: row.major_reasons,
        waitingSince: row.waiting_since,
        suggestion: {
          nature: row.given_nature ?? row.nature,
          category: row.given_category ?? row.category,
          /** Null when the registrar set the category: nothing was guessed. */
          confidence: row.given_category || row.confidence === null ? null : Number(row.confidence),
          evidence: row.given_category ? null : row.evidence,
          unitCode: row.suggested_unit_code,
          rule: row.suggested_rule,
        },
        /** The classifier's three best readings, each with its unit: a decision in one click. */
        suggestions: row.given_category ? [] : (row.suggestions ?? []),
        modelVersion: row.model_version,
        /** Who the petition accuses; the decision may not go to them (checked when made). */
        accusedParties: row.accused,
      })),
      page,
      pageSize,
      total: Number(rows[0]?.total ?? 0),
    };
  }

  async decide(staff: StaffUser, caseNo: string, decision: TriageDecision) {
    return this.transactions.run(async (tx) => {
      const prefix = await this.territoryOf(tx.manager, staff);
      const [found] = await tx.manager.query<
        { petition_id: string; title: string; content: string }[]
      >(
        `SELECT cf.petition_id, p.title, p.content FROM routing.case_file cf
         JOIN intake.petition_for_routing_v1 p ON p.id = cf.petition_id
         WHERE cf.case_no = $1 AND p.division_code LIKE $2 || '%'`,
        [caseNo, prefix],
      );
      if (!found) throw notFound({ zh: '信访件', en: 'Case' });
      const unit = await tx.manager.findOneBy(Unit, { code: decision.unitCode, active: true });
      if (!unit) throw unknownUnit();

      // The row lock serialises decisions on one case: the second finds it no longer waiting.
      const [taken] = await tx.manager.query<ClaimedCase[]>(
        `SELECT petition_id, awaiting_triage, triage_reason, returns, stage FROM routing.case_file
         WHERE petition_id = $1 FOR UPDATE`,
        [found.petition_id],
      );
      if (!taken?.awaiting_triage) throw notAwaitingTriage();
      await tx.manager.query(
        `UPDATE routing.case_file SET awaiting_triage = false, triage_reason = NULL, updated_at = now()
         WHERE petition_id = $1`,
        [taken.petition_id],
      );
      const predicted = await this.prediction(tx.manager, taken.petition_id);
      const binding = taken.returns >= MAX_RETURNS;

      const assignment = await assignCase(tx, {
        petitionId: taken.petition_id,
        caseNo,
        unit,
        role: 'LEAD',
        stage: taken.stage,
        rule: DISPATCHER_DECISION,
        explanation: {
          nature: decision.nature,
          category: decision.category,
          decidedBy: staff.id,
          ...(binding && { binding }),
        },
      });
      await tx.publish('petition.classified', {
        petitionId: taken.petition_id,
        nature: decision.nature,
        category: decision.category,
        by: 'DISPATCHER',
      });
      if (decision.category === 'LITIGATION') {
        await tellLegalChannel(
          tx,
          taken.petition_id,
          legalChannelOf(`${found.title}\n${found.content}`),
        );
      }
      const decidedAt = assignment.assignedAt;
      await tx.manager.query(
        `INSERT INTO routing.classification_correction
           (id, petition_id, case_no, triage_reason, predicted_nature, predicted_category,
            predicted_unit_code, confirmed_nature, confirmed_category, confirmed_unit_code, reason,
            dispatcher_id, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          randomUUID(),
          taken.petition_id,
          caseNo,
          taken.triage_reason,
          predicted.nature,
          predicted.category,
          predicted.unitCode,
          decision.nature,
          decision.category,
          unit.code,
          decision.reason ?? null,
          staff.id,
          decidedAt,
        ],
      );
      await tx.recordTimeline({
        petitionId: taken.petition_id,
        type: 'triage.decided',
        occurredAt: decidedAt,
        visibleToPetitioner: false,
        data: {
          triageReason: taken.triage_reason,
          predicted,
          confirmed: { nature: decision.nature, category: decision.category, unitCode: unit.code },
          ...(decision.reason && { reason: decision.reason }),
        },
      });
      return {
        caseNo,
        assignmentId: assignment.id,
        unitCode: unit.code,
        rule: DISPATCHER_DECISION,
      };
    });
  }

  async corrections(staff: StaffUser, { page, pageSize }: Page) {
    const prefix = await this.territoryOf(this.dataSource.manager, staff);
    const scope = `FROM routing.classification_correction k
       JOIN intake.petition_for_routing_v1 p ON p.id = k.petition_id
       WHERE p.division_code LIKE $1 || '%'`;
    const [summary] = await this.dataSource.query<
      { decisions: number; nature_agreed: number; category_agreed: number; unit_agreed: number }[]
    >(
      `SELECT count(*)::int AS decisions,
              count(*) FILTER (WHERE predicted_nature = confirmed_nature)::int AS nature_agreed,
              count(*) FILTER (WHERE predicted_category = confirmed_category)::int AS category_agreed,
              count(*) FILTER (WHERE predicted_unit_code = confirmed_unit_code)::int AS unit_agreed
       ${scope}`,
      [prefix],
    );
    const rows = await this.dataSource.query<CorrectionRow[]>(
      `SELECT k.case_no, k.triage_reason, k.predicted_nature, k.predicted_category,
              k.predicted_unit_code, k.confirmed_nature, k.confirmed_category,
              k.confirmed_unit_code, k.reason, k.dispatcher_id, k.decided_at
       ${scope}
       ORDER BY k.decided_at DESC, k.case_no
       LIMIT $2 OFFSET $3`,
      [prefix, pageSize, (page - 1) * pageSize],
    );
    return {
      summary: {
        decisions: summary?.decisions ?? 0,
        natureAgreed: summary?.nature_agreed ?? 0,
        categoryAgreed: summary?.category_agreed ?? 0,
        unitAgreed: summary?.unit_agreed ?? 0,
      },
      items: rows.map((row) => ({
        caseNo: row.case_no,
        triageReason: row.triage_reason,
        predicted: {
          nature: row.predicted_nature,
          category: row.predicted_category,
          unitCode: row.predicted_unit_code,
        },
        confirmed: {
          nature: row.confirmed_nature,
          category: row.confirmed_category,
          unitCode: row.confirmed_unit_code,
        },
        reason: row.reason,
        dispatcherId: row.dispatcher_id,
        decidedAt: row.decided_at,
      })),
      page,
      pageSize,
      total: summary?.decisions ?? 0,
    };
  }

  /** The division prefix of the dispatcher's bureau; dispatchers work at petition bureaus. */
  private async territoryOf(manager: EntityManager, staff: StaffUser): Promise<string> {
    const unit = await manager.findOneBy(Unit, { code: staff.unitCode });
    if (unit?.kind !== 'PETITION_BUREAU') throw forbidden();
    return territoryPrefix(unit);
  }

  /**
   * What the system predicted: the classifier's nature and category and the unit the rules
   * suggested; for a case a unit gave back, the unit that last led it.
   */
  private async prediction(manager: EntityManager, petitionId: string) {
    const [classified] = await manager.query<
      { nature: string; category: string; suggested_unit_code: string | null }[]
    >(
      `SELECT nature, category, suggested_unit_code FROM routing.classification
       WHERE petition_id = $1`,
      [petitionId],
    );
    const [lastLead] = await manager.query<{ unit_code: string }[]>(
      `SELECT unit_code FROM routing.assignment WHERE petition_id = $1 AND role = 'LEAD'
       ORDER BY assigned_at DESC LIMIT 1`,
      [petitionId],
    );
    return {
      nature: classified?.nature ?? null,
      category: classified?.category ?? null,
      unitCode: classified?.suggested_unit_code ?? lastLead?.unit_code ?? null,
    };
  }
}
