import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ApiError,
  notFound,
  pageOffset,
  Transactions,
  validationFailed,
  type StaffUser,
} from '#common';
import { assignCase } from '../assignments/assign-case.js';
import { tellLegalChannel } from '../assignments/legal-channel-notice.js';
import { legalChannelOf } from '../classification/matter-reader.js';
import { AssignmentRepository } from '../database/assignment.repository.js';
import { CaseFileRepository } from '../database/case-file.repository.js';
import { ClassificationRepository } from '../database/classification.repository.js';
import { PublishedViewsRepository } from '../database/published-views.repository.js';
import { bureauTerritory } from '../units/petition-bureaus.js';
import { UnitRepository } from '../units/unit.repository.js';

import { decisionBinds } from '../workbench/case-workflow.js';
import { TriageRepository } from './triage.repository.js';
import type { Page, TriageDecision } from './triage.schemas.js';

/** The rule recorded on an assignment a dispatcher decided. */
export const DISPATCHER_DECISION = 'DISPATCHER_DECISION';

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
    const prefix = await bureauTerritory(this.dataSource.manager, staff);
    const rows = await new PublishedViewsRepository(this.dataSource.manager).triageQueue(
      prefix,
      pageSize,
      pageOffset({ page, pageSize }),
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
      const prefix = await bureauTerritory(tx.manager, staff);
      const found = await new PublishedViewsRepository(tx.manager).caseInTerritory(caseNo, prefix);
      if (!found) throw notFound({ zh: '信访件', en: 'Case' });
      const unit = await new UnitRepository(tx.manager).activeByCode(decision.unitCode);
      if (!unit) throw unknownUnit();

      // The row lock serialises decisions on one case: the second finds it no longer waiting.
      const triage = new TriageRepository(tx.manager);
      const taken = await triage.lockCase(found.petition_id);
      if (!taken?.awaiting_triage) throw notAwaitingTriage();
      await new CaseFileRepository(tx.manager).leaveTriage(taken.petition_id);
      const predicted = await this.prediction(tx.manager, taken.petition_id);
      const binding = decisionBinds(taken.returns);

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
      await triage.recordDecision({
        petitionId: taken.petition_id,
        caseNo,
        triageReason: taken.triage_reason,
        predicted,
        confirmed: { nature: decision.nature, category: decision.category, unitCode: unit.code },
        reason: decision.reason ?? null,
        dispatcherId: staff.id,
        decidedAt,
      });
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
    const prefix = await bureauTerritory(this.dataSource.manager, staff);
    const views = new PublishedViewsRepository(this.dataSource.manager);
    const summary = await views.correctionSummary(prefix);
    const rows = await views.corrections(prefix, pageSize, pageOffset({ page, pageSize }));
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
  /**
   * What the system predicted: the classifier's nature and category and the unit the rules
   * suggested; for a case a unit gave back, the unit that last led it.
   */
  private async prediction(manager: EntityManager, petitionId: string) {
    const classified = await new ClassificationRepository(manager).ofPetition(petitionId);
    const lastLead = await new AssignmentRepository(manager).lastLeadUnit(petitionId);
    return {
      nature: classified?.nature ?? null,
      category: classified?.category ?? null,
      unitCode: classified?.suggested_unit_code ?? lastLead ?? null,
    };
  }
}
