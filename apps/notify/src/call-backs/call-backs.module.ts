import { Module } from '@nestjs/common';
import { PersonalDataModule } from '#common';
import { CallBackRepository } from './call-back.repository.js';
import { CallBacksController } from './call-backs.controller.js';
import { CallBacksService } from './call-backs.service.js';

/** The call-back list (回访/电话告知清单): notices owed to petitioners reachable by landline only. */
@Module({
  imports: [PersonalDataModule],
  controllers: [CallBacksController],
  providers: [CallBackRepository, CallBacksService],
})
export class CallBacksModule {}
