import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditActions, AuditTrail, type StaffUser } from '#common';
import { Petition } from '../database/petition.entity.js';
import { MatterSimilarity } from '../repeats/matter-similarity.js';
import { RepeatDetector } from '../repeats/repeat-detector.service.js';
import type { RepeatCheckRequest } from './petition.schemas.js';

/** What registering the petition would do with the earlier case it repeats. */
export type RepeatOutcome =
  /** Open: added to it, not routed anew. */
  | 'REPEAT'
  /** Answered, still open to review: a new case, routed to the unit that answered. */
  | 'LINKED_TO_CONCLUDED'
  /** Concluded by re-review (复核): registered, not accepted again. */
  | 'NOT_ACCEPTED_AGAIN';

export interface RepeatCheckAnswer {
  original: { caseNo: string; outcome: RepeatOutcome } | null;
}

/**
 * Tells the registrar, before registering, of the earlier case registration would link the
 * petition to: the same detector and threshold as RegistrationService, nothing written.
 */
@Injectable()
export class RepeatCheck {
  private readonly text = MatterSimilarity.shared();

  constructor(
    @InjectRepository(Petition) private readonly petitions: Repository<Petition>,
    private readonly repeats: RepeatDetector,
    private readonly audit: AuditTrail,
  ) {}

  async check(petition: RepeatCheckRequest, staff: StaffUser): Promise<RepeatCheckAnswer> {
    const { terms } = this.text.read(petition.title, petition.content);
    const original = await this.repeats.findOriginal(this.petitions.manager, {
      terms,
      petitioners: petition.petitioners,
    });
    if (!original) return { original: null };
    const outcome: RepeatOutcome = original.final
      ? 'NOT_ACCEPTED_AGAIN'
      : original.closed
        ? 'LINKED_TO_CONCLUDED'
        : 'REPEAT';
    // It tells that these people petitioned before: on record, as a case view is.
    await this.audit.record(undefined, {
      action: AuditActions.RepeatCheck,
      actor: staff,
      caseNo: original.caseNo,
      target: { type: 'petition', id: original.id },
      detail: { outcome, petitioners: petition.petitioners.length },
    });
    return { original: { caseNo: original.caseNo, outcome } };
  }
}
