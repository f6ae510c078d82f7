import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { QueueName, ServiceInfrastructureModule, type AppConfig } from '#common';
import { AttachmentsModule } from './attachments/attachments.module.js';
import { intakeData } from './database/intake-data.js';
import { FeedbackModule } from './feedback/feedback.module.js';
import { PetitionsModule } from './petitions/petitions.module.js';

@Module({
  imports: [
    ServiceInfrastructureModule.forService({ ...intakeData, consumes: QueueName.Intake }),
    PetitionsModule,
    FeedbackModule,
    AttachmentsModule.register({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        config.get('ATTACHMENT_DIR', { infer: true }),
    }),
  ],
})
export class IntakeModule {}
