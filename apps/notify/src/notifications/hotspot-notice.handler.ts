import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { territoryScopes, UrgentAlertsService } from '../duty/urgent-alerts.service.js';
import {
  newestCaseNumbers,
  newestPerCounty,
  unitsConcerned,
} from '../database/published-views.repository.js';
import { noticeToUnit } from './unit-notices.js';

const TEMPLATES = { CLUSTER: 'hotspot.raised', COLLECTIVE: 'petition.collective' } as const;

/** The newest five case numbers of the petitions, as a notice lists them. */
async function caseNumbersOf(tx: Tx, petitionIds: string[]): Promise<string> {
  const caseNos = await newestCaseNumbers(tx.manager, petitionIds, 6);
  const listed = caseNos.slice(0, 5).join('、');
  return caseNos.length > 5 ? `${listed}等` : listed;
}

/**
 * A hotspot or a collective petition: the units already handling its cases and the petition
 * bureau of each territory concerned are told, to treat it as one problem, and the leader on
 * duty of each territory is paged at once (urgent). Who they are is read through routing's and
 * intake's published views; notify only delivers.
 */
@Injectable()
export class HotspotNoticeHandler {
  constructor(private readonly urgent: UrgentAlertsService) {}

  @OnJob('hotspot.raised')
  async onRaised(payload: JobPayload<'hotspot.raised'>, tx: Tx) {
    const units = await unitsConcerned(tx.manager, payload.petitionIds);
    const [anchor] = payload.petitionIds;
    if (!anchor) return;
    const cases = String(payload.petitionIds.length);
    const caseNos = await caseNumbersOf(tx, payload.petitionIds);
    for (const unitCode of units) {
      if (payload.reason === 'COLLECTIVE') {
        await noticeToUnit(tx, {
          petitionId: anchor,
          unitCode,
          template: 'petition.collective',
          variables: { cases, caseNos },
        });
      } else {
        await noticeToUnit(tx, {
          petitionId: anchor,
          unitCode,
          template: 'hotspot.raised',
          variables: { cases, ...(payload.hotspotId && { hotspotId: payload.hotspotId }) },
        });
      }
    }
    for (const petitionId of payload.petitionIds) {
      await tx.recordTimeline({
        petitionId,
        type: TEMPLATES[payload.reason],
        visibleToPetitioner: false,
        data: { units, hotspotId: payload.hotspotId },
      });
    }
    await this.page(payload, tx);
  }

  /** One page per county concerned, for its newest case. */
  private async page(payload: JobPayload<'hotspot.raised'>, tx: Tx) {
    const counties = await newestPerCounty(tx.manager, payload.petitionIds);
    for (const county of counties) {
      await this.urgent.raise(tx, {
        petitionId: county.petition_id,
        reason: payload.reason,
        scopes: territoryScopes(county.division_code),
        ...(payload.reason === 'COLLECTIVE'
          ? { template: 'urgent.collective', variables: { caseNo: county.case_no } }
          : {
              template: 'urgent.hotspot',
              variables: { caseNo: county.case_no, cases: String(payload.petitionIds.length) },
            }),
      });
    }
  }
}
