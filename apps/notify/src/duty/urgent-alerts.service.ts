import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError, notFound, Transactions, type AppConfig, type StaffUser, type Tx } from '#common';
import { pageOf } from '../notifications/notification.repository.js';
import { storeNotice } from '../notifications/store-notice.js';
import type { TemplateFor } from '../notifications/templates.js';
import { DutyRostersService } from './duty-rosters.service.js';
import {
  acknowledgeAlert,
  claimDueAlerts,
  exhaustAlert,
  insertAlert,
  lockAlert,
  moveAlertOn,
  type AlertRow,
  type RosterEntry,
  type UrgentReason,
} from './duty.repository.js';

export interface UrgentEvent {
  petitionId: string;
  reason: UrgentReason;
  /** Where to look for a roster, first match wins: a unit code, a county, its prefecture. */
  scopes: string[];
  template: TemplateFor<'UNIT'>;
  variables: Record<string, string>;
  raisedBy?: string;
}

const BATCH_SIZE = 50;

/** Counties and prefectures are where a territory's rosters are kept. */
export function territoryScopes(divisionCode: string): string[] {
  return [divisionCode.slice(0, 6), `${divisionCode.slice(0, 4)}00`];
}

/**
 * Urgent events page the leader on duty at once; whoever is paged acknowledges in the inbox.
 * Unacknowledged after DUTY_ACK_TIMEOUT_MS, the next person on the roster is paged, as on-call
 * tools do, until someone answers or the roster runs out (EXHAUSTED, logged as an error).
 */
@Injectable()
export class UrgentAlertsService {
  private readonly logger = new Logger('UrgentAlerts');
  readonly ackTimeoutMs: number;

  constructor(
    private readonly rosters: DutyRostersService,
    private readonly transactions: Transactions,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ackTimeoutMs = config.get('DUTY_ACK_TIMEOUT_MS', { infer: true });
  }

  /** Opens an alert and pages the first person on duty; null when no roster covers it. */
  async raise(tx: Tx, event: UrgentEvent): Promise<string | null> {
    const { scope, entries } = await this.rosters.firstRoster(tx, event.scopes);
    const [first] = entries;
    if (!first) {
      this.logger.warn({
        msg: 'urgent event with no duty roster to page',
        petitionId: event.petitionId,
        reason: event.reason,
        scopes: event.scopes,
      });
      return null;
    }
    const id = randomUUID();
    await insertAlert(tx.manager, {
      id,
      petitionId: event.petitionId,
      reason: event.reason,
      scope,
      position: first.position,
      template: event.template,
      variables: event.variables,
      raisedBy: event.raisedBy ?? null,
      ackTimeoutMs: this.ackTimeoutMs,
    });
    await this.page(tx, id, event.petitionId, first, event.template, event.variables);
    await tx.recordTimeline({
      petitionId: event.petitionId,
      type: 'urgent.raised',
      visibleToPetitioner: false,
      data: { alertId: id, reason: event.reason, scope, position: first.position },
    });
    return id;
  }

  /** Pages the next person for each alert nobody acknowledged in time; returns how many. */
  async escalateDue(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const due = await claimDueAlerts(tx.manager, BATCH_SIZE);
      for (const alert of due) await this.escalate(tx, alert);
      return due.length;
    });
  }

  /** The page's person (or an admin) acknowledges: escalation stops. Acknowledging again is a no-op. */
  async acknowledge(staff: StaffUser, notificationId: string) {
    return this.transactions.run(async (tx) => {
      const page = await pageOf(tx.manager, notificationId);
      const mine = page && (page.staff_id === staff.id || staff.roles.includes('admin'));
      if (!page || !mine) throw notFound({ zh: '通知', en: 'Notification' });
      if (!page.urgent_alert_id) {
        throw new ApiError(HttpStatus.CONFLICT, 'NOT_URGENT', {
          zh: '该通知无需确认',
          en: 'This notification needs no acknowledgement',
        });
      }
      const alert = await lockAlert(tx.manager, page.urgent_alert_id);
      if (!alert) throw notFound({ zh: '紧急事项', en: 'Urgent alert' });
      if (alert.status !== 'ACKNOWLEDGED') {
        const updated = await acknowledgeAlert(tx.manager, alert.id, staff.id);
        Object.assign(alert, updated);
        await tx.recordTimeline({
          petitionId: alert.petition_id,
          type: 'urgent.acknowledged',
          visibleToPetitioner: false,
          data: { alertId: alert.id, staffId: staff.id, position: alert.position },
        });
      }
      return {
        alertId: alert.id,
        status: alert.status,
        acknowledgedAt: alert.acknowledged_at,
        acknowledgedBy: alert.acknowledged_by,
      };
    });
  }

  private async escalate(tx: Tx, alert: AlertRow) {
    const [next] = await this.rosters.entries(tx, alert.scope, alert.position);
    if (!next) {
      await exhaustAlert(tx.manager, alert.id);
      await tx.recordTimeline({
        petitionId: alert.petition_id,
        type: 'urgent.unacknowledged',
        visibleToPetitioner: false,
        data: { alertId: alert.id, scope: alert.scope, position: alert.position },
      });
      this.logger.error({
        msg: 'nobody on the duty roster acknowledged an urgent alert',
        alertId: alert.id,
        scope: alert.scope,
      });
      return;
    }
    await this.page(tx, alert.id, alert.petition_id, next, alert.template, alert.variables);
    await moveAlertOn(tx.manager, alert.id, next.position, this.ackTimeoutMs);
    await tx.recordTimeline({
      petitionId: alert.petition_id,
      type: 'urgent.escalated',
      visibleToPetitioner: false,
      data: { alertId: alert.id, scope: alert.scope, position: next.position },
    });
  }

  /** A page goes by SMS to a mobile, else by email (see DutyRostersService.pageChannel). */
  private page(
    tx: Tx,
    alertId: string,
    petitionId: string,
    entry: RosterEntry,
    template: TemplateFor<'UNIT'>,
    variables: Record<string, string>,
  ) {
    return storeNotice(tx, {
      petitionId,
      channel: this.rosters.pageChannel(entry),
      recipientKind: 'DUTY',
      recipient: entry.id,
      template,
      variables,
      locale: entry.locale,
      staffId: entry.staff_id,
      urgentAlertId: alertId,
    });
  }
}
