import { Injectable } from '@nestjs/common';
import type { JobPayload, Tx } from '#common';
import { unitName } from '../database/published-views.repository.js';
import { noticeToPetitioners } from './petitioner-notices.js';

type Step = JobPayload<'case.accepted'>;

/**
 * What the petitioner is told as the case moves (信访工作条例 第三十二条 and after): where it went
 * (告知去向), acceptance or refusal, an extension, each written opinion.
 */
@Injectable()
export class PetitionerUpdatesService {
  /** A unit in charge (not a bureau passing it on) now leads the case. */
  async assigned(tx: Tx, payload: JobPayload<'petition.assigned'>) {
    if (payload.role !== 'LEAD' || payload.forwarding || payload.stage !== 'HANDLING') return;
    await noticeToPetitioners(tx, {
      petitionId: payload.petitionId,
      template: 'case.assigned',
      variables: { caseNo: payload.caseNo, unitName: await this.unitName(tx, payload.unitCode) },
    });
  }

  /** 受理 or 不予受理: which unit decided; the refusal's ground is on the public page. */
  async decided(tx: Tx, step: Step, template: 'case.accepted' | 'case.declined') {
    await noticeToPetitioners(tx, {
      petitionId: step.petitionId,
      template,
      variables: { caseNo: step.caseNo, unitName: await this.unitName(tx, step.unitCode) },
    });
  }

  async concluded(tx: Tx, step: Step) {
    await noticeToPetitioners(tx, {
      petitionId: step.petitionId,
      template: 'case.concluded',
      variables: {
        caseNo: step.caseNo,
        unitName: await this.unitName(tx, step.unitCode),
        stage: step.stage,
      },
    });
  }

  async extended(tx: Tx, step: Step & { days: number }, dueAt: Date) {
    await noticeToPetitioners(tx, {
      petitionId: step.petitionId,
      template: 'case.extended',
      variables: { caseNo: step.caseNo, days: String(step.days), dueAt: dueAt.toISOString() },
    });
  }

  private async unitName(tx: Tx, code: string): Promise<string> {
    return (await unitName(tx.manager, code)) ?? code;
  }
}
