import { Module } from '@nestjs/common';
import { personalDataCipherProvider } from '#common';
import { DutyController } from './duty.controller.js';
import { DutyRosters } from './duty-rosters.js';
import { UrgentAlerts } from './urgent-alerts.js';
import { UrgentCases } from './urgent-cases.js';
import { UrgentEscalations } from './urgent-escalations.js';

/** Duty rosters (值班表) and urgent events paged to the leader on duty, escalated when unanswered. */
@Module({
  controllers: [DutyController],
  providers: [
    personalDataCipherProvider,
    DutyRosters,
    UrgentAlerts,
    UrgentCases,
    UrgentEscalations,
  ],
  exports: [UrgentAlerts, DutyRosters],
})
export class DutyModule {}
