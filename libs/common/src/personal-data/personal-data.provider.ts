import type { FactoryProvider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/config.schema.js';
import { PersonalDataCipher } from './personal-data-cipher.js';

/** The cipher of every service, from the shared PERSONAL_DATA_KEYS and PERSONAL_DATA_HASH_KEY. */
export const personalDataCipherProvider: FactoryProvider<PersonalDataCipher> = {
  provide: PersonalDataCipher,
  inject: [ConfigService],
  useFactory: (config: ConfigService<AppConfig, true>) =>
    PersonalDataCipher.fromSettings(
      config.get('PERSONAL_DATA_KEYS', { infer: true }),
      config.get('PERSONAL_DATA_HASH_KEY', { infer: true }),
    ),
};
