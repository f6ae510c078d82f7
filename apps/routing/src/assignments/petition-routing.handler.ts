import { Injectable, Logger } from '@nestjs/common';
import { OnJob, petitionMetrics, type JobPayload, type Tx } from '#common';
import { AccusedPartiesRepository } from '../accused-parties/accused-parties.repository.js';
import { barringUnitFor } from '../accused-parties/accused-unit.guard.js';
import type { Classification } from '../classification/classifier.js';
import type { Suggestion } from './petition-router.js';
import { AssignmentRepository } from '../database/assignment.repository.js';
import type { MajorReason } from '../database/case-file.entity.js';
import { CaseFileRepository } from '../database/case-file.repository.js';
import { ClassificationRepository } from '../database/classification.repository.js';
import {
  PublishedViewsRepository,
  type PetitionForRouting,
} from '../database/published-views.repository.js';
import type { Unit } from '../database/unit.entity.js';
import { UnitRepository } from '../units/unit.repository.js';
import { assignCase } from './assign-case.js';
import { tellLegalChannel } from './legal-channel-notice.js';
import { majorReasonsOf } from './major-case.js';
import { PetitionRouter } from './petition-router.js';
import { type PetitionFacts, placeOf, type RoutingDecision } from './routing-policy.js';
import { awaitTriage } from '../staff/awaiting-staff.js';

const readPetition = async (tx: Tx, petitionId: string) => {
  const petition = await new PublishedViewsRepository(tx.manager).petitionForRouting(petitionId);
  if (!petition) throw new Error(`petition ${petitionId} not found in intake`);
  return petition;
};

const weightOf = (petition: PetitionForRouting) =>
  majorReasonsOf({
    personCount: petition.person_count,
    repeatCount: petition.repeat_count,
    channel: petition.channel,
  });

/** Decides who handles a newly received petition, records why, and flags major cases. */
@Injectable()
export class PetitionRoutingHandler {
  private readonly logger = new Logger(PetitionRoutingHandler.name);

  constructor(private readonly router: PetitionRouter) {}

  @OnJob('petition.received')
  async onReceived({ petitionId }: JobPayload<'petition.received'>, tx: Tx) {
    const petition = await readPetition(tx, petitionId);
    const caseNo = petition.case_no;
    const place = placeOf(petition.division_code);
    // An inactive unit keeps its cases but is given no new ones.
    const units = await new UnitRepository(tx.manager).activeInDivisions([
      place.division,
      place.county,
      place.prefecture,
    ]);
    const routed = this.router.route(
      {
        divisionCode: petition.division_code,
        title: petition.title,
        content: petition.content,
        nature: petition.nature,
        category: petition.category,
      },
      units,
    );
    const { classification, suggestions, facts } = routed;
    const majorReasons = weightOf(petition);
    await new AccusedPartiesRepository(tx.manager).add(
      petitionId,
      facts.accused,
      'TEXT',
      null,
      new Date(),
    );
    const answeredBy =
      petition.repeat_of && (await unitThatAnswered(tx, petitionId, petition.repeat_of));
    const decision: RoutingDecision = answeredBy
      ? {
          outcome: 'assign',
          lead: { unit: answeredBy, rule: 'REPEAT_OF_CONCLUDED' },
          coHandlers: [],
          legalChannel: null,
        }
      : routed.decision;
    await new CaseFileRepository(tx.manager).insert({
      petitionId,
      caseNo,
      stage: 'HANDLING',
      awaitingTriage: decision.outcome === 'triage',
      triageReason: decision.outcome === 'triage' ? decision.reason : null,
      returns: 0,
      majorReasons,
      responsibleLeaderId: null,
      final: false,
    });
    if (classification) {
      await this.recordClassification(tx, petitionId, classification, suggestions, decision);
    }
    if (classification && decision.outcome !== 'triage') {
      // Intake keeps the petition's nature and category for search and statistics; a guess
      // left to triage waits for the dispatcher.
      await tx.publish('petition.classified', {
        petitionId,
        nature: classification.nature,
        category: classification.category,
        by: 'CLASSIFIER',
      });
    }
    if (majorReasons.length > 0) {
      await recordMajor(tx, petitionId, majorReasons, petition.transfer_source_body);
    }

    if (decision.outcome === 'triage') {
      this.logger.log(`case ${caseNo} sent to manual triage: ${decision.reason}`);
      await tx.publish('petition.triage-required', { petitionId, caseNo });
      await awaitTriage(tx, petitionId, caseNo);
      petitionMetrics.triaged(tx);
      await tx.recordTimeline({
        petitionId,
        type: 'petition.triage-required',
        visibleToPetitioner: false,
        data: {
          reason: decision.reason,
          ...(decision.suggestion && {
            suggestion: { unitCode: decision.suggestion.unit.code, rule: decision.suggestion.rule },
          }),
        },
      });
      return;
    }

    const explanation = explain(facts, classification, majorReasons);
    const { lead, coHandlers, legalChannel } = decision;
    for (const [role, routed] of [
      ['LEAD', lead] as const,
      ...coHandlers.map((c) => ['CO_HANDLER', c] as const),
    ]) {
      await assignCase(tx, {
        petitionId,
        caseNo,
        unit: routed.unit,
        role,
        stage: 'HANDLING',
        rule: routed.rule,
        explanation: { ...explanation, ...(routed.instead && { instead: routed.instead }) },
      });
    }
    if (legalChannel) await tellLegalChannel(tx, petitionId, legalChannel);
    this.logger.log(
      `case ${caseNo} assigned to ${lead.unit.code} by ${lead.rule}` +
        coHandlers.map((c) => `, ${c.unit.code} by ${c.rule}`).join(''),
    );
    petitionMetrics.routed(tx);
  }

  /** A petition repeated often enough becomes major (重复访) after it was routed. */
  @OnJob('petition.repeated')
  async onRepeated({ originalPetitionId }: JobPayload<'petition.repeated'>, tx: Tx) {
    const original = await readPetition(tx, originalPetitionId);
    const caseFiles = new CaseFileRepository(tx.manager);
    const majorReasons = await caseFiles.lockMajorReasons(originalPetitionId);
    if (!majorReasons) return;
    const added = weightOf(original).filter((r) => !majorReasons.includes(r));
    if (added.length === 0) return;
    await caseFiles.addMajorReasons(originalPetitionId, added);
    await recordMajor(tx, originalPetitionId, added, null);
  }

  private async recordClassification(
    tx: Tx,
    petitionId: string,
    { nature, category, confidence, evidence, modelVersion }: Classification,
    suggestions: Suggestion[],
    decision: RoutingDecision,
  ) {
    const suggested = decision.outcome === 'assign' ? decision.lead : decision.suggestion;
    await new ClassificationRepository(tx.manager).add({
      petitionId,
      nature,
      category,
      confidence: confidence.toFixed(3),
      evidence,
      needsTriage: decision.outcome === 'triage' && decision.reason === 'LOW_CONFIDENCE',
      suggestedUnitCode: suggested?.unit.code ?? null,
      suggestedRule: suggested?.rule ?? null,
      modelVersion,
      suggestions,
    });
  }
}

/**
 * The unit that answered the earlier case a petition raises again (the last lead to conclude or
 * decline it), when it may take the new one: active, and not accused by it.
 */
async function unitThatAnswered(
  tx: Tx,
  petitionId: string,
  earlierPetitionId: string,
): Promise<Unit | null> {
  const answered = await new AssignmentRepository(tx.manager).answeringUnit(earlierPetitionId);
  if (!answered) return null;
  const unit = await new UnitRepository(tx.manager).activeByCode(answered);
  if (!unit || (await barringUnitFor(tx, petitionId, unit.code))) return null;
  return unit;
}

/** Why the rules chose as they did: the classification and what the text showed. */
function explain(
  facts: PetitionFacts,
  classification: Classification | null,
  majorReasons: MajorReason[],
): Record<string, unknown> {
  const { reading } = facts;
  const complainedAbout = [
    ...new Set(reading.mentions.filter((m) => m.complainedAbout).map((m) => m.name)),
  ];
  return {
    nature: facts.nature,
    category: facts.category,
    categoryGiven: facts.categoryGiven,
    ...(classification && { classification }),
    ...(reading.accusedCountyLeader && { accusedCountyLeader: reading.accusedCountyLeader }),
    ...(complainedAbout.length > 0 && { complainedAbout }),
    ...(reading.legalProceedings.length > 0 && { legalProceedings: reading.legalProceedings }),
    ...(majorReasons.length > 0 && { majorReasons }),
  };
}

async function recordMajor(
  tx: Tx,
  petitionId: string,
  reasons: MajorReason[],
  transferredBy: string | null,
) {
  await tx.recordTimeline({
    petitionId,
    type: 'case.flagged-major',
    visibleToPetitioner: false,
    data: { reasons, ...(transferredBy && { transferredBy }) },
  });
}
