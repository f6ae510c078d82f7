import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { Petition } from '../database/petition.entity.js';

/** Keeps the petition's status, which intake owns, in step with routing's decisions. */
@Injectable()
export class PetitionStatusHandler {
  @OnJob('petition.assigned')
  async onAssigned(payload: JobPayload<'petition.assigned'>, tx: Tx) {
    await tx.manager
      .createQueryBuilder()
      .update(Petition)
      .set({ status: 'ASSIGNED' })
      .where('id = :id AND status IN (:...from)', {
        id: payload.petitionId,
        from: ['RECEIVED', 'AWAITING_TRIAGE'],
      })
      .execute();
  }

  @OnJob('petition.triage-required')
  async onTriageRequired(payload: JobPayload<'petition.triage-required'>, tx: Tx) {
    await tx.manager.update(
      Petition,
      { id: payload.petitionId, status: 'RECEIVED' },
      { status: 'AWAITING_TRIAGE' },
    );
  }
}
