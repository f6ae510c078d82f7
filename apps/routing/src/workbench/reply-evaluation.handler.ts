import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';

/** The petitioner's evaluation of a reply stays with the reply, for the unit that gave it. */
@Injectable()
export class ReplyEvaluationHandler {
  @OnJob('reply.evaluated')
  async onEvaluated(payload: JobPayload<'reply.evaluated'>, tx: Tx) {
    await tx.manager.query(
      `UPDATE routing.case_reply SET evaluation = $3
       WHERE petition_id = $1 AND stage = $2 AND kind = 'REPLY'`,
      [payload.petitionId, payload.stage, payload.evaluation],
    );
  }
}
