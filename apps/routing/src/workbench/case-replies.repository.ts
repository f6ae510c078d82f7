import { randomUUID } from 'node:crypto';
import type { CaseStage } from '#common';
import type { EntityManager } from 'typeorm';

interface Written {
  assignmentId: string;
  petitionId: string;
  text: string;
  by: string;
  at: Date;
}

/**
 * What a unit writes back on a case: its reply or decline (routing.case_reply), its return to
 * the dispatchers (routing.case_return), its completion report (routing.completion_report).
 */
export class CaseRepliesRepository {
  constructor(private readonly manager: EntityManager) {}

  async addDecline(reply: Written & { stage: CaseStage; legalBasis: string }): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.case_reply
         (assignment_id, petition_id, stage, kind, legal_basis, text, given_by, given_at)
       VALUES ($1, $2, $3, 'DECLINE', $4, $5, $6, $7)`,
      [
        reply.assignmentId,
        reply.petitionId,
        reply.stage,
        reply.legalBasis,
        reply.text,
        reply.by,
        reply.at,
      ],
    );
  }

  async addReply(reply: Written & { stage: CaseStage }): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.case_reply
         (assignment_id, petition_id, stage, kind, text, given_by, given_at)
       VALUES ($1, $2, $3, 'REPLY', $4, $5, $6)`,
      [reply.assignmentId, reply.petitionId, reply.stage, reply.text, reply.by, reply.at],
    );
  }

  /** The petitioner's evaluation stays with the reply, for the unit that gave it. */
  async evaluateReply(petitionId: string, stage: CaseStage, evaluation: string): Promise<void> {
    await this.manager.query(
      `UPDATE routing.case_reply SET evaluation = $3
       WHERE petition_id = $1 AND stage = $2 AND kind = 'REPLY'`,
      [petitionId, stage, evaluation],
    );
  }

  async addReturn(back: Written): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.case_return (id, assignment_id, petition_id, reason, returned_by, returned_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), back.assignmentId, back.petitionId, back.text, back.by, back.at],
    );
  }

  async addCompletionReport(report: Written): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.completion_report
         (assignment_id, petition_id, text, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [report.assignmentId, report.petitionId, report.text, report.by, report.at],
    );
  }
}
