import { Module } from '@nestjs/common';
import { PersonalDataModule } from '#common';
import { DutyController } from './duty.controller.js';
import { DutyRostersService } from './duty-rosters.service.js';
import { UrgentAlertsService } from './urgent-alerts.service.js';
import { UrgentCasesService } from './urgent-cases.service.js';
import { UrgentEscalationsTask } from './urgent-escalations.task.js';

/** Duty rosters (值班表) and urgent events paged to the leader on duty, escalated when unanswered. */
@Module({
  imports: [PersonalDataModule],
  controllers: [DutyController],
  providers: [DutyRostersService, UrgentAlertsService, UrgentCasesService, UrgentEscalationsTask],
  exports: [UrgentAlertsService, DutyRostersService],
})
export class DutyModule {}
