import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '#common';
import { UrgentAlertsService } from './urgent-alerts.service.js';

/** Looks for unacknowledged urgent alerts several times per acknowledgement period. */
@Injectable()
export class UrgentEscalationsTask extends PeriodicTask {
  constructor(private readonly alerts: UrgentAlertsService) {
    super('UrgentEscalations');
  }

  protected override nextDelay() {
    return Math.min(Math.max(this.alerts.ackTimeoutMs / 4, 250), 10_000);
  }

  protected override async runOnce() {
    const escalated = await this.alerts.escalateDue();
    if (escalated > 0) this.logger.log({ msg: 'urgent alerts escalated', escalated });
  }
}
