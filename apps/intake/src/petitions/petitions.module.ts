import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalDataModule, type AppConfig } from '#common';
import { Petition } from '../database/petition.entity.js';
import { Petitioner } from '../database/petitioner.entity.js';
import { DivisionsModule } from '../divisions/divisions.module.js';
import { RepeatsModule } from '../repeats/repeats.module.js';
import { VerificationModule } from '../verification/verification.module.js';
import { CaseLookup } from './case-lookup.service.js';
import { CaseReadRepository } from './case-read.repository.js';
import { CaseSearchRepository } from './case-search.repository.js';
import { CaseSearchService } from './case-search.service.js';
import { CaseViewService } from './case-view.service.js';
import { CollectiveClaims } from './collective-claims.service.js';
import { PetitionStatusHandler } from './petition-status.handler.js';
import { PetitionerFailures } from './petitioner-failures.service.js';
import { PetitionerRecords } from './petitioner-records.service.js';
import { PublicPetitionsController } from './public-petitions.controller.js';
import { PublicSubmissions } from './public-submissions.service.js';
import { QueryCodes } from './query-code.js';
import { ReceiptCodeExpiry } from './receipt-code-expiry.service.js';
import { RegistrationService } from './registration.service.js';
import { RepeatCheck } from './repeat-check.service.js';
import { StaffPetitionsController } from './staff-petitions.controller.js';

@Module({
  imports: [
    PersonalDataModule,
    TypeOrmModule.forFeature([Petition, Petitioner]),
    DivisionsModule,
    RepeatsModule,
    VerificationModule,
  ],
  controllers: [PublicPetitionsController, StaffPetitionsController],
  providers: [
    RegistrationService,
    CaseViewService,
    CaseSearchService,
    CaseSearchRepository,
    CaseReadRepository,
    CaseLookup,
    PetitionStatusHandler,
    PetitionerRecords,
    ReceiptCodeExpiry,
    PublicSubmissions,
    PetitionerFailures,
    CollectiveClaims,
    RepeatCheck,
    {
      provide: QueryCodes,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new QueryCodes(config.get('QUERY_CODE_SECRET', { infer: true })),
    },
  ],
  exports: [CaseLookup, PetitionerFailures],
})
export class PetitionsModule {}
