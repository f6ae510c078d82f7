import { Module } from '@nestjs/common';
import { QueueName, ServiceInfrastructureModule } from '#common';
import { intakeData } from './database/intake-data.js';
import { PetitionsModule } from './petitions/petitions.module.js';

@Module({
  imports: [
    ServiceInfrastructureModule.forService({ ...intakeData, consumes: QueueName.Intake }),
    PetitionsModule,
  ],
})
export class IntakeModule {}
