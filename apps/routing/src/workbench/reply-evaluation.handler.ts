import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { CaseRepliesRepository } from './case-replies.repository.js';

/** The petitioner's evaluation of a reply stays with the reply, for the unit that gave it. */
@Injectable()
export class ReplyEvaluationHandler {
  @OnJob('reply.evaluated')
  async onEvaluated(payload: JobPayload<'reply.evaluated'>, tx: Tx) {
    await new CaseRepliesRepository(tx.manager).evaluateReply(
      payload.petitionId,
      payload.stage,
      payload.evaluation,
    );
  }
}
