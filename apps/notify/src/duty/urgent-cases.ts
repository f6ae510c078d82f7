import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, notFound, Transactions, type StaffUser } from '#common';
import { territoryScopes, UrgentAlerts } from './urgent-alerts.js';

/** Cases a registrar flags urgent (紧急): paged to the duty roster of the unit leading them. */
@Injectable()
export class UrgentCases {
  constructor(
    private readonly alerts: UrgentAlerts,
    private readonly transactions: Transactions,
  ) {}

  async flag(staff: StaffUser, caseNo: string) {
    return this.transactions.run(async (tx) => {
      const [petition] = await tx.manager.query<{ id: string; division_code: string }[]>(
        `SELECT id, division_code FROM intake.petition_for_routing_v1 WHERE case_no = $1`,
        [caseNo],
      );
      if (!petition) throw notFound({ zh: '信访事项', en: 'Case' });
      // Flagging twice pages nobody twice: the open alert stands.
      const [open] = await tx.manager.query<{ id: string }[]>(
        `SELECT id FROM notify.urgent_alert
         WHERE petition_id = $1 AND reason = 'FLAGGED' AND status = 'OPEN' FOR UPDATE`,
        [petition.id],
      );
      if (open) return { alertId: open.id, status: 'OPEN' };
      const leads = await tx.manager.query<{ unit_code: string }[]>(
        `SELECT unit_code FROM routing.case_assignment_v1
         WHERE petition_id = $1 AND role = 'LEAD' AND status IN ('ASSIGNED', 'ACCEPTED')`,
        [petition.id],
      );
      const alertId = await this.alerts.raise(tx, {
        petitionId: petition.id,
        reason: 'FLAGGED',
        scopes: [...leads.map((l) => l.unit_code), ...territoryScopes(petition.division_code)],
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
      return { alertId, status: 'OPEN' };
    });
  }
}
