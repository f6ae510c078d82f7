import { Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import {
  OnJob,
  petitionMetrics,
  type Category,
  type Channel,
  type JobPayload,
  type Nature,
  type Tx,
} from '#common';
import { AccusedPartiesRepository } from '../accused-parties/accused-parties.repository.js';
import type { Classification } from '../classification/classifier.js';
import type { Suggestion } from './petition-router.js';
import { CaseFile, type MajorReason } from '../database/case-file.entity.js';
import { Unit } from '../database/unit.entity.js';
import { assignCase } from './assign-case.js';
import { tellLegalChannel } from './legal-channel-notice.js';
import { PetitionRouter } from './petition-router.js';
import {
  majorReasonsOf,
  type PetitionFacts,
  placeOf,
  type RoutingDecision,
} from './routing-policy.js';

interface PetitionForRouting {
  case_no: string;
  channel: Channel;
  division_code: string;
  person_count: number;
  nature: Nature | null;
  category: Category | null;
  title: string;
  content: string;
  repeat_count: number;
  transfer_source_body: string | null;
}

// intake's read contract; committed before the job was published, so the row is there.
const readPetition = async (tx: Tx, petitionId: string) => {
  const [petition] = await tx.manager.query<PetitionForRouting[]>(
    `SELECT case_no, channel, division_code, person_count, nature, category, title, content,
            repeat_count, transfer_source_body
     FROM intake.petition_for_routing_v1 WHERE id = $1`,
    [petitionId],
  );
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
    const units = await tx.manager.getRepository(Unit).find({
      // An inactive unit keeps its cases but is given no new ones.
      where: { divisionCode: In([place.division, place.county, place.prefecture]), active: true },
      order: { code: 'ASC' },
    });
    const { classification, suggestions, facts, decision } = this.router.route(
      {
        divisionCode: petition.division_code,
        title: petition.title,
        content: petition.content,
        nature: petition.nature,
        category: petition.category,
      },
      units,
    );
    const majorReasons = weightOf(petition);
    await new AccusedPartiesRepository(tx.manager).add(
      petitionId,
      facts.accused,
      'TEXT',
      null,
      new Date(),
    );
    await tx.manager.insert(CaseFile, {
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
    const [caseFile] = await tx.manager.query<{ major_reasons: MajorReason[] }[]>(
      `SELECT major_reasons FROM routing.case_file WHERE petition_id = $1 FOR UPDATE`,
      [originalPetitionId],
    );
    if (!caseFile) return;
    const added = weightOf(original).filter((r) => !caseFile.major_reasons.includes(r));
    if (added.length === 0) return;
    await tx.manager.query(
      `UPDATE routing.case_file SET major_reasons = major_reasons || $2::text[], updated_at = now()
       WHERE petition_id = $1`,
      [originalPetitionId, added],
    );
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
    await tx.manager.query(
      `INSERT INTO routing.classification
         (petition_id, nature, category, confidence, evidence, needs_triage,
          suggested_unit_code, suggested_rule, model_version, suggestions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        petitionId,
        nature,
        category,
        confidence.toFixed(3),
        JSON.stringify(evidence),
        decision.outcome === 'triage' && decision.reason === 'LOW_CONFIDENCE',
        suggested?.unit.code ?? null,
        suggested?.rule ?? null,
        modelVersion,
        JSON.stringify(suggestions),
      ],
    );
  }
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
