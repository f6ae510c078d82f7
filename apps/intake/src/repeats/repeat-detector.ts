import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataCipher } from '#common';
import type { PetitionerDetails } from '../petitions/petitioner-records.js';
import { MatterText, REPEAT_THRESHOLD } from './matter-text.js';

export interface OriginalCase {
  id: string;
  caseNo: string;
  similarity: number;
  /** Concluded by re-review (复核): the matter is not accepted again (不再受理). */
  final: boolean;
}

interface Candidate {
  id: string;
  case_no: string;
  title: string;
  content: string;
  repeat_of: string | null;
  status: string;
}

/** How long after its conclusion a case still absorbs repeats. */
const LOOKBACK_DAYS = 365;

/**
 * Finds the case a new petition repeats (重复信访): a case of the same petitioner (same ID
 * number; same phone when no ID number was given) that is open or was concluded within 365 days,
 * or was concluded by re-review at any time, about the same matter (text similarity at or above
 * REPEAT_THRESHOLD). A different matter of the same person is a new case.
 */
@Injectable()
export class RepeatDetector {
  private readonly text = MatterText.shared();

  constructor(private readonly cipher: PersonalDataCipher) {}

  async findOriginal(
    manager: EntityManager,
    petition: { title: string; content: string; petitioners: PetitionerDetails[] },
  ): Promise<OriginalCase | null> {
    const idIndexes = petition.petitioners
      .filter((p) => p.idNumber)
      .map((p) => this.cipher.blindIndex('idNumber', p.idNumber ?? ''));
    const phoneIndexes = petition.petitioners
      .filter((p) => !p.idNumber && p.phone)
      .map((p) => this.cipher.blindIndex('phone', p.phone ?? ''));
    if (idIndexes.length === 0 && phoneIndexes.length === 0) return null;

    const candidates = await manager.query<Candidate[]>(
      `SELECT DISTINCT p.id, p.case_no, p.title, p.content, p.repeat_of, p.status, p.received_at
       FROM intake.petitioner person JOIN intake.petition p ON p.id = person.petition_id
       WHERE (person.id_number_index = ANY ($1) OR person.phone_index = ANY ($2))
         AND (p.closed_at IS NULL OR p.closed_at > now() - make_interval(days => $3)
              OR p.status = 'RE_REVIEWED')
       ORDER BY p.received_at`,
      [idIndexes, phoneIndexes, LOOKBACK_DAYS],
    );
    const terms = this.text.terms(petition.title, petition.content);
    let best: (Candidate & { similarity: number }) | null = null;
    for (const candidate of candidates) {
      const similarity = this.text.similarity(
        terms,
        this.text.terms(candidate.title, candidate.content),
      );
      if (similarity >= REPEAT_THRESHOLD && similarity > (best?.similarity ?? 0)) {
        best = { ...candidate, similarity };
      }
    }
    if (!best) return null;
    // A repeat of a repeat belongs to the case it repeated.
    if (best.repeat_of) {
      const [root] = await manager.query<{ id: string; case_no: string; status: string }[]>(
        `SELECT id, case_no, status FROM intake.petition WHERE id = $1`,
        [best.repeat_of],
      );
      if (root) return originalCase(root, best.similarity);
    }
    return originalCase(best, best.similarity);
  }
}

function originalCase(
  row: { id: string; case_no: string; status: string },
  similarity: number,
): OriginalCase {
  return { id: row.id, caseNo: row.case_no, similarity, final: row.status === 'RE_REVIEWED' };
}
