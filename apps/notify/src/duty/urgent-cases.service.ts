import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AuditTrail, notFound, staffScope, Transactions, type StaffUser } from '#common';
import { leadUnits, petitionByCaseNo } from '../database/published-views.repository.js';
import { lockOpenFlag } from './duty.repository.js';
import { territoryScopes, UrgentAlertsService } from './urgent-alerts.service.js';

/** Cases a registrar flags urgent (紧急): paged to the duty roster of the unit leading them. */
@Injectable()
export class UrgentCasesService {
  constructor(
    private readonly alerts: UrgentAlertsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditTrail,
  ) {}

  async flag(staff: StaffUser, caseNo: string, reason: string) {
    return this.transactions.run(async (tx) => {
      const petition = await petitionByCaseNo(tx.manager, caseNo);
      if (!petition) throw notFound({ zh: '信访事项', en: 'Case' });
      const leads = await leadUnits(tx.manager, petition.id);
      // The caller's territory (属地), or a unit they oversee leading the case; admins anywhere.
      const scope = await staffScope(tx.manager, staff);
      const inScope =
        scope.all ||
        (scope.territory !== null && petition.division_code.startsWith(scope.territory)) ||
        leads.some((unitCode) => scope.unitCodes.includes(unitCode));
      if (!inScope) throw notFound({ zh: '信访事项', en: 'Case' });
      // Flagging twice pages nobody twice: the open alert stands.
      const open = await lockOpenFlag(tx.manager, petition.id);
      if (open) return { alertId: open.id, status: 'OPEN' };
      const alertId = await this.alerts.raise(tx, {
        petitionId: petition.id,
        reason: 'FLAGGED',
        scopes: [...leads, ...territoryScopes(petition.division_code)],
        template: 'urgent.case',
        variables: { caseNo },
        raisedBy: staff.id,
      });
      if (!alertId) {
        throw new ApiError(HttpStatus.CONFLICT, 'NO_DUTY_ROSTER', {
          zh: '该事项所属单位和地区均未设置值班表',
          en: 'No duty roster covers the unit or the territory of this case',
        });
      }
      // Staff's own words, kept for the case's staff only.
      await tx.recordTimeline({
        petitionId: petition.id,
        type: 'urgent.flagged',
        visibleToPetitioner: false,
        data: { alertId, staffId: staff.id, reason },
      });
      await this.audit.record(tx, {
        action: 'urgent.flag',
        actor: staff,
        caseNo,
        target: { type: 'urgent_alert', id: alertId },
        detail: { reasonGiven: true },
      });
      return { alertId, status: 'OPEN' };
    });
  }
}
