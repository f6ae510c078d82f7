import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { idNumberForMatching, PersonalDataCipher, type AppConfig } from '#common';
import type { PetitionerDetails } from '../petitions/petitioner-records.service.js';
import { findCaseHeader } from '../petitions/petition.repository.js';
import { MatterSimilarity, REPEAT_THRESHOLD, type TermVector } from './matter-similarity.js';
import { MatterTermsRepository, type RepeatCandidate } from './matter-terms.repository.js';

export interface OriginalCase {
  id: string;
  caseNo: string;
  similarity: number;
  /** Concluded by re-review (复核): the matter is not accepted again (不再受理). */
  final: boolean;
  /**
   * Answered and closed, but open to review (办结, 不予受理, 复查 concluded): the same matter
   * again is a new matter for the unit that answered it, linked to this case.
   */
  closed: boolean;
}

/** The states of a case that answered the petitioner and may still be reviewed. */
const CLOSED_OPEN_TO_REVIEW: readonly string[] = ['NOT_ACCEPTED', 'CONCLUDED', 'REVIEWED'];

/** How long after its conclusion a case still absorbs repeats. */
const LOOKBACK_DAYS = 365;

/**
 * Finds the case a new petition repeats (重复信访): a case of the same petitioner (same ID
 * number, 15 or 18 digits alike; same phone when no ID number was given) that is open or was concluded within 365 days,
 * or was concluded by re-review at any time, about the same matter (text similarity at or above
 * REPEAT_THRESHOLD). A different matter of the same person is a new case. Earlier petitions are
 * compared by their stored term vectors, the MATTER_COMPARISON_LIMIT most recent at most.
 */
@Injectable()
export class RepeatDetector {
  private readonly text = MatterSimilarity.shared();
  private readonly comparisonLimit: number;

  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly stored: MatterTermsRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.comparisonLimit = config.get('MATTER_COMPARISON_LIMIT', { infer: true });
  }

  /** `terms`: the new petition's, read once at registration. */
  async findOriginal(
    manager: EntityManager,
    petition: { terms: TermVector; petitioners: PetitionerDetails[] },
  ): Promise<OriginalCase | null> {
    const idIndexes = petition.petitioners
      .filter((p) => p.idNumber)
      .map((p) => this.cipher.blindIndex('idNumber', idNumberForMatching(p.idNumber ?? '')));
    const phoneIndexes = petition.petitioners
      .filter((p) => !p.idNumber && p.phone)
      .map((p) => this.cipher.blindIndex('phone', p.phone ?? ''));
    if (idIndexes.length === 0 && phoneIndexes.length === 0) return null;

    const candidates = await this.stored.repeatCandidates(
      manager,
      { idIndexes, phoneIndexes },
      LOOKBACK_DAYS,
      this.comparisonLimit,
    );
    let best: (RepeatCandidate & { similarity: number }) | null = null;
    // Oldest first: of equally similar cases, the first one is the original.
    for (const candidate of candidates) {
      const similarity = this.text.similarity(petition.terms, candidate.terms);
      if (similarity >= REPEAT_THRESHOLD && similarity > (best?.similarity ?? 0)) {
        best = { ...candidate, similarity };
      }
    }
    if (!best) return null;
    // A repeat of a repeat belongs to the case it repeated.
    if (best.repeatOf) {
      const root = await findCaseHeader(manager, best.repeatOf);
      if (root) return originalCase(root, best.similarity);
    }
    return originalCase(best, best.similarity);
  }
}

function originalCase(
  row: { id: string; caseNo: string; status: string },
  similarity: number,
): OriginalCase {
  return {
    id: row.id,
    caseNo: row.caseNo,
    similarity,
    final: row.status === 'RE_REVIEWED',
    closed: CLOSED_OPEN_TO_REVIEW.includes(row.status),
  };
}
