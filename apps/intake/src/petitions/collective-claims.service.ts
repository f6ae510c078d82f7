import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AuditActions, AuditTrail, Transactions, type StaffUser } from '#common';
import { COLLECTIVE_SIZE } from '../repeats/hotspot-detector.service.js';
import { CaseLookup } from './case-lookup.service.js';
import { confirmCollective, lockCollectiveClaim } from './petition.repository.js';

/**
 * A collective petition (5+ people) from the online form is a claim anyone can make: it pages no
 * one until a registrar or dispatcher who may see the case confirms it. The confirmation is on
 * the audit trail, and raises the collective as a staff registration does at once.
 */
@Injectable()
export class CollectiveClaims {
  constructor(
    private readonly lookup: CaseLookup,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
  ) {}

  async confirm(caseNo: string, staff: StaffUser) {
    const { petition } = await this.lookup.forStaff(caseNo, staff, 'WHOLE');
    return this.transactions.run(async (tx) => {
      const row = await lockCollectiveClaim(tx.manager, petition.id);
      if (!row || row.channel !== 'ONLINE' || row.person_count < COLLECTIVE_SIZE) {
        throw new ApiError(HttpStatus.CONFLICT, 'NOT_A_COLLECTIVE_CLAIM', {
          zh: '该事项不是网上提交的集体信访，无需确认',
          en: 'This case is not an online collective petition awaiting confirmation',
        });
      }
      // Confirming twice pages nobody twice.
      if (row.collective_confirmed_at) {
        return { caseNo, confirmedAt: row.collective_confirmed_at, raised: false };
      }
      const confirmedAt = await confirmCollective(tx.manager, row.id, staff.id);
      await tx.publish('hotspot.raised', {
        reason: 'COLLECTIVE',
        hotspotId: row.hotspot_id,
        petitionIds: [row.id],
      });
      await tx.recordTimeline({
        petitionId: row.id,
        type: 'petition.collective-confirmed',
        visibleToPetitioner: false,
        data: { staffId: staff.id, personCount: row.person_count },
      });
      await this.audit.record(tx, {
        action: AuditActions.UrgencyConfirm,
        actor: staff,
        caseNo,
        target: { type: 'petition', id: row.id },
        detail: { claim: 'COLLECTIVE', personCount: row.person_count },
      });
      return { caseNo, confirmedAt: confirmedAt ?? new Date(), raised: true };
    });
  }
}
