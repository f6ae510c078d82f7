import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiError, notFound, Transactions, type AppConfig, type StaffUser, type Tx } from '#common';
import { storeNotice } from '../notifications/store-notice.js';
import type { TemplateFor } from '../notifications/templates.js';
import { DutyRosters, type RosterEntry } from './duty-rosters.js';

export type UrgentReason = 'COLLECTIVE' | 'CLUSTER' | 'FLAGGED';

export interface UrgentEvent {
  petitionId: string;
  reason: UrgentReason;
  /** Where to look for a roster, first match wins: a unit code, a county, its prefecture. */
  scopes: string[];
  template: TemplateFor<'UNIT'>;
  variables: Record<string, string>;
  raisedBy?: string;
}

interface AlertRow {
  id: string;
  petition_id: string;
  reason: UrgentReason;
  scope: string;
  position: number;
  template: TemplateFor<'UNIT'>;
  variables: Record<string, string>;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'EXHAUSTED';
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
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
export class UrgentAlerts {
  private readonly logger = new Logger(UrgentAlerts.name);
  readonly ackTimeoutMs: number;

  constructor(
    private readonly rosters: DutyRosters,
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
    await tx.manager.query(
      `INSERT INTO notify.urgent_alert
         (id, petition_id, reason, scope, position, template, variables, status, raised_by,
          escalate_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, now() + $9 * interval '1 millisecond')`,
      [
        id,
        event.petitionId,
        event.reason,
        scope,
        first.position,
        event.template,
        event.variables,
        event.raisedBy ?? null,
        this.ackTimeoutMs,
      ],
    );
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
      const due = await tx.manager.query<AlertRow[]>(
        `SELECT id, petition_id, reason, scope, position, template, variables, status,
                acknowledged_at, acknowledged_by
         FROM notify.urgent_alert WHERE status = 'OPEN' AND escalate_at <= now()
         ORDER BY escalate_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      for (const alert of due) await this.escalate(tx, alert);
      return due.length;
    });
  }

  /** The page's person (or an admin) acknowledges: escalation stops. Acknowledging again is a no-op. */
  async acknowledge(staff: StaffUser, notificationId: string) {
    return this.transactions.run(async (tx) => {
      const [page] = await tx.manager.query<
        { urgent_alert_id: string | null; staff_id: string | null }[]
      >(`SELECT urgent_alert_id, staff_id FROM notify.notification WHERE id = $1`, [
        notificationId,
      ]);
      const mine = page && (page.staff_id === staff.id || staff.roles.includes('admin'));
      if (!page || !mine) throw notFound({ zh: '通知', en: 'Notification' });
      if (!page.urgent_alert_id) {
        throw new ApiError(HttpStatus.CONFLICT, 'NOT_URGENT', {
          zh: '该通知无需确认',
          en: 'This notification needs no acknowledgement',
        });
      }
      const [alert] = await tx.manager.query<AlertRow[]>(
        `SELECT id, petition_id, reason, scope, position, template, variables, status,
                acknowledged_at, acknowledged_by
         FROM notify.urgent_alert WHERE id = $1 FOR UPDATE`,
        [page.urgent_alert_id],
      );
      if (!alert) throw notFound({ zh: '紧急事项', en: 'Urgent alert' });
      if (alert.status !== 'ACKNOWLEDGED') {
        const [updated] = await tx.manager.query<AlertRow[]>(
          `WITH acknowledged AS (
             UPDATE notify.urgent_alert SET status = 'ACKNOWLEDGED', acknowledged_at = now(),
               acknowledged_by = $2, escalate_at = NULL
             WHERE id = $1
             RETURNING status, acknowledged_at, acknowledged_by)
           SELECT * FROM acknowledged`,
          [alert.id, staff.id],
        );
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
      await tx.manager.query(
        `UPDATE notify.urgent_alert SET status = 'EXHAUSTED', escalate_at = NULL WHERE id = $1`,
        [alert.id],
      );
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
    await tx.manager.query(
      `UPDATE notify.urgent_alert SET position = $2,
         escalate_at = now() + $3 * interval '1 millisecond'
       WHERE id = $1`,
      [alert.id, next.position, this.ackTimeoutMs],
    );
    await tx.recordTimeline({
      petitionId: alert.petition_id,
      type: 'urgent.escalated',
      visibleToPetitioner: false,
      data: { alertId: alert.id, scope: alert.scope, position: next.position },
    });
  }

  /** A page goes by SMS when the person gave a phone (what people read at once), else by email. */
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
      channel: entry.phone_sealed ? 'sms' : 'email',
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
