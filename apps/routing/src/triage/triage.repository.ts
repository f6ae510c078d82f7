import { randomUUID } from 'node:crypto';
import type { CaseStage } from '#common';
import type { EntityManager } from 'typeorm';

/** A case as a dispatcher's decision takes it from the triage queue. */
export interface ClaimedCase {
  petition_id: string;
  awaiting_triage: boolean;
  triage_reason: string | null;
  returns: number;
  stage: CaseStage;
}

/** Triage's own records: the case it claims, and the dispatchers' decisions beside the prediction. */
export class TriageRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The case file's triage state, locked: serialises decisions on one case. */
  async lockCase(petitionId: string): Promise<ClaimedCase | undefined> {
    const [taken] = await this.manager.query<ClaimedCase[]>(
      `SELECT petition_id, awaiting_triage, triage_reason, returns, stage FROM routing.case_file
       WHERE petition_id = $1 FOR UPDATE`,
      [petitionId],
    );
    return taken;
  }

  /** routing.classification_correction: a decision with what the system had predicted. */
  async recordDecision(decision: {
    petitionId: string;
    caseNo: string;
    triageReason: string | null;
    predicted: { nature: string | null; category: string | null; unitCode: string | null };
    confirmed: { nature: string; category: string; unitCode: string };
    reason: string | null;
    dispatcherId: string;
    decidedAt: Date;
  }): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.classification_correction
         (id, petition_id, case_no, triage_reason, predicted_nature, predicted_category,
          predicted_unit_code, confirmed_nature, confirmed_category, confirmed_unit_code, reason,
          dispatcher_id, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        randomUUID(),
        decision.petitionId,
        decision.caseNo,
        decision.triageReason,
        decision.predicted.nature,
        decision.predicted.category,
        decision.predicted.unitCode,
        decision.confirmed.nature,
        decision.confirmed.category,
        decision.confirmed.unitCode,
        decision.reason,
        decision.dispatcherId,
        decision.decidedAt,
      ],
    );
  }
}
