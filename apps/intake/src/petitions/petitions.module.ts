import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { personalDataCipherProvider, type AppConfig } from '#common';
import { Petition } from '../database/petition.entity.js';
import { Petitioner } from '../database/petitioner.entity.js';
import { Division } from '../divisions/division.entity.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { HotspotDetector } from '../repeats/hotspot-detector.js';
import { RepeatDetector } from '../repeats/repeat-detector.js';
import { CaseLookup } from './case-lookup.js';
import { CaseReadRepository } from './case-read.repository.js';
import { CaseSearchService } from './case-search.js';
import { CaseViewService } from './case-view.service.js';
import { PetitionStatusHandler } from './petition-status.handler.js';
import { PetitionerRecords } from './petitioner-records.js';
import { PublicPetitionsController } from './public-petitions.controller.js';
import { QueryCodes } from './query-code.js';
import { ReceiptCodeExpiry } from './receipt-code-expiry.js';
import { RegistrationService } from './registration.service.js';
import { StaffPetitionsController } from './staff-petitions.controller.js';
import { trackingThrottle } from './tracking-throttle.js';

@Module({
  imports: [TypeOrmModule.forFeature([Petition, Petitioner, Division]), trackingThrottle],
  controllers: [PublicPetitionsController, StaffPetitionsController],
  providers: [
    RegistrationService,
    CaseViewService,
    CaseSearchService,
    CaseReadRepository,
    CaseLookup,
    PetitionStatusHandler,
    PetitionerRecords,
    ReceiptCodeExpiry,
    DivisionsService,
    RepeatDetector,
    HotspotDetector,
    personalDataCipherProvider,
    {
      provide: QueryCodes,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new QueryCodes(config.get('QUERY_CODE_SECRET', { infer: true })),
    },
  ],
  exports: [CaseLookup],
})
export class PetitionsModule {}
