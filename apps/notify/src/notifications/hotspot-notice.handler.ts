import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { territoryScopes, UrgentAlerts } from '../duty/urgent-alerts.js';
import { noticeToUnit } from './unit-notices.js';

const TEMPLATES = { CLUSTER: 'hotspot.raised', COLLECTIVE: 'petition.collective' } as const;

/**
 * A hotspot or a collective petition: the units already handling its cases and the petition
 * bureau of each territory concerned are told, to treat it as one problem, and the leader on
 * duty of each territory is paged at once (urgent). Who they are is read through routing's and
 * intake's published views; notify only delivers.
 */
@Injectable()
export class HotspotNoticeHandler {
  constructor(private readonly urgent: UrgentAlerts) {}

  @OnJob('hotspot.raised')
  async onRaised(payload: JobPayload<'hotspot.raised'>, tx: Tx) {
    const units = await tx.manager.query<{ unit_code: string }[]>(
      `SELECT unit_code FROM routing.case_assignment_v1
       WHERE petition_id = ANY ($1) AND status IN ('ASSIGNED', 'ACCEPTED')
       UNION
       SELECT u.code FROM routing.unit_directory_v1 u
       JOIN intake.petition_for_routing_v1 p ON u.division_code = left(p.division_code, 6)
       WHERE p.id = ANY ($1) AND u.kind = 'PETITION_BUREAU'
       ORDER BY 1`,
      [payload.petitionIds],
    );
    const [anchor] = payload.petitionIds;
    if (!anchor) return;
    for (const { unit_code: unitCode } of units) {
      await noticeToUnit(tx, {
        petitionId: anchor,
        unitCode,
        template: TEMPLATES[payload.reason],
        variables: {
          cases: String(payload.petitionIds.length),
          ...(payload.hotspotId && { hotspotId: payload.hotspotId }),
        },
      });
    }
    for (const petitionId of payload.petitionIds) {
      await tx.recordTimeline({
        petitionId,
        type: TEMPLATES[payload.reason],
        visibleToPetitioner: false,
        data: { units: units.map((u) => u.unit_code), hotspotId: payload.hotspotId },
      });
    }
    await this.page(payload, tx);
  }

  /** One page per county concerned, for its newest case. */
  private async page(payload: JobPayload<'hotspot.raised'>, tx: Tx) {
    const counties = await tx.manager.query<
      { petition_id: string; case_no: string; division_code: string }[]
    >(
      `SELECT DISTINCT ON (left(division_code, 6)) id AS petition_id, case_no, division_code
       FROM intake.petition_for_routing_v1 WHERE id = ANY ($1)
       ORDER BY left(division_code, 6), received_at DESC`,
      [payload.petitionIds],
    );
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
