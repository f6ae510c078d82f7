import type { EntityManager } from 'typeorm';

/** routing.classification: what the classifier read in each petition and what it suggested. */
export class ClassificationRepository {
  constructor(private readonly manager: EntityManager) {}

  async add(classification: {
    petitionId: string;
    nature: string;
    category: string;
    /** Three decimals, as stored. */
    confidence: string;
    evidence: unknown;
    needsTriage: boolean;
    suggestedUnitCode: string | null;
    suggestedRule: string | null;
    modelVersion: string;
    suggestions: unknown;
  }): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.classification
         (petition_id, nature, category, confidence, evidence, needs_triage,
          suggested_unit_code, suggested_rule, model_version, suggestions)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        classification.petitionId,
        classification.nature,
        classification.category,
        classification.confidence,
        JSON.stringify(classification.evidence),
        classification.needsTriage,
        classification.suggestedUnitCode,
        classification.suggestedRule,
        classification.modelVersion,
        JSON.stringify(classification.suggestions),
      ],
    );
  }

  async ofPetition(
    petitionId: string,
  ): Promise<{ nature: string; category: string; suggested_unit_code: string | null } | undefined> {
    const [classified] = await this.manager.query<
      { nature: string; category: string; suggested_unit_code: string | null }[]
    >(
      `SELECT nature, category, suggested_unit_code FROM routing.classification
       WHERE petition_id = $1`,
      [petitionId],
    );
    return classified;
  }
}
