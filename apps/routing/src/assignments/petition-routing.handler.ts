import { Injectable, Logger } from '@nestjs/common';
import { OnJob, petitionMetrics, type Category, type JobPayload, type Tx } from '#common';
import { CaseFile } from '../database/case-file.entity.js';
import { Unit } from '../database/unit.entity.js';
import { PetitionClassifier, TRIAGE_CONFIDENCE } from '../classification/classifier.js';
import { assignCase } from './assign-case.js';
import { countyOf, decideRoute, prefectureOf } from './routing-policy.js';

interface PetitionForRouting {
  case_no: string;
  division_code: string;
  category: Category | null;
  title: string;
  content: string;
}

/** Decides who handles a newly received petition and records the decision. */
@Injectable()
export class PetitionRoutingHandler {
  private readonly logger = new Logger(PetitionRoutingHandler.name);
  private readonly classifier = new PetitionClassifier();

  /**
   * Classifies a petition the registrar did not categorise, and keeps the decision with its
   * confidence and evidence. Until units can forward cases from their workbench, the territory's
   * petition bureau receives every such petition and dispatches it; below TRIAGE_CONFIDENCE the
   * classification is marked for its manual triage rather than trusted.
   */
  private async classify(tx: Tx, petitionId: string, petition: PetitionForRouting) {
    const { nature, category, confidence, evidence } = this.classifier.classify(
      petition.title,
      petition.content,
    );
    const needsTriage = confidence < TRIAGE_CONFIDENCE;
    await tx.manager.query(
      `INSERT INTO routing.classification
         (petition_id, nature, category, confidence, evidence, needs_triage)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [petitionId, nature, category, confidence.toFixed(3), JSON.stringify(evidence), needsTriage],
    );
    return { nature, category, confidence: Number(confidence.toFixed(3)), evidence, needsTriage };
  }

  @OnJob('petition.received')
  async onReceived({ petitionId }: JobPayload<'petition.received'>, tx: Tx) {
    // intake's read contract; committed before the job was published, so it is there.
    const [petition] = await tx.manager.query<PetitionForRouting[]>(
      `SELECT case_no, division_code, category, title, content FROM intake.petition_for_routing_v1 WHERE id = $1`,
      [petitionId],
    );
    if (!petition) throw new Error(`petition ${petitionId} not found in intake`);
    const caseNo = petition.case_no;
    await tx.manager.insert(CaseFile, {
      petitionId,
      caseNo,
      stage: 'HANDLING',
      awaitingTriage: false,
      triageReason: null,
      returns: 0,
      majorReasons: [],
      responsibleLeaderId: null,
      final: false,
    });
    const classification = petition.category ? null : await this.classify(tx, petitionId, petition);

    const county = countyOf(petition.division_code);
    const units = await tx.manager
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .where('unit.divisionCode IN (:...divisions)', {
        divisions: [county, prefectureOf(petition.division_code)],
      })
      .orderBy('unit.code')
      .getMany();
    const decision = decideRoute(
      { divisionCode: petition.division_code, category: petition.category },
      units,
    );

    if (decision.outcome === 'triage') {
      this.logger.warn(`case ${caseNo}: no unit for ${county}, sent to manual triage`);
      await tx.manager.update(
        CaseFile,
        { petitionId },
        { awaitingTriage: true, triageReason: decision.reason },
      );
      await tx.publish('petition.triage-required', { petitionId, caseNo });
      petitionMetrics.triaged(tx); // metrics
      await tx.recordTimeline({
        petitionId,
        type: 'petition.triage-required',
        visibleToPetitioner: false,
        data: { reason: decision.reason },
      });
      return;
    }

    const { unit } = decision;
    await assignCase(tx, {
      petitionId,
      caseNo,
      unit,
      role: 'LEAD',
      stage: 'HANDLING',
      rule: decision.rule,
      ...(classification && { explanation: { classification } }),
    });
    this.logger.log(`case ${caseNo} assigned to ${unit.code} by ${decision.rule}`);
    petitionMetrics.routed(tx); // metrics
  }
}
