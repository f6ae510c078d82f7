import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '../scheduling/periodic-task.js';
import { UrgentAlerts } from './urgent-alerts.js';

/** Looks for unacknowledged urgent alerts several times per acknowledgement period. */
@Injectable()
export class UrgentEscalations extends PeriodicTask {
  constructor(private readonly alerts: UrgentAlerts) {
    super(UrgentEscalations.name);
  }

  protected override nextDelay() {
    return Math.min(Math.max(this.alerts.ackTimeoutMs / 4, 250), 10_000);
  }

  protected override async runOnce() {
    const escalated = await this.alerts.escalateDue();
    if (escalated > 0) this.logger.log({ msg: 'urgent alerts escalated', escalated });
  }
}
