import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EdgeLimits, PersonalDataModule, type AppConfig } from '#common';
import { PhoneVerifications } from './phone-verifications.service.js';
import { VerificationCodes } from './verification-code.js';

/**
 * SMS codes for online petitioners' mobiles. Exports the client limits it counts codes with, so
 * petitions count their failures in the same Redis client.
 */
@Module({
  imports: [PersonalDataModule],
  providers: [
    PhoneVerifications,
    {
      provide: EdgeLimits,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new EdgeLimits(
          config.get('REDIS_URL', { infer: true }),
          config.get('QUEUE_PREFIX', { infer: true }),
        ),
    },
    {
      // Codes are hashed under the same server key as query codes.
      provide: VerificationCodes,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        new VerificationCodes(config.get('QUERY_CODE_SECRET', { infer: true })),
    },
  ],
  exports: [PhoneVerifications, EdgeLimits],
})
export class VerificationModule {}
