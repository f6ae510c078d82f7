import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/config.schema.js';
import { PersonalDataCipher } from './personal-data-cipher.js';

/**
 * The one cipher of personal data of a service, from the shared PERSONAL_DATA_KEYS and
 * PERSONAL_DATA_HASH_KEY: every module that stores or reads names, ID numbers, phones or addresses
 * imports this module rather than making a cipher of its own.
 */
@Module({
  providers: [
    {
      provide: PersonalDataCipher,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        PersonalDataCipher.fromSettings(
          config.get('PERSONAL_DATA_KEYS', { infer: true }),
          config.get('PERSONAL_DATA_HASH_KEY', { infer: true }),
        ),
    },
  ],
  exports: [PersonalDataCipher],
})
export class PersonalDataModule {}
