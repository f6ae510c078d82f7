import type { DynamicModule } from '@nestjs/common';
import { ConfigModule, type ConfigService } from '@nestjs/config';
import { configSchema, type AppConfig } from './config.schema.js';

/** Typed access to the validated settings: `config.get('REDIS_URL', { infer: true })`. */
export type XinfangConfig = ConfigService<AppConfig, true>;

/** Global config, validated by the one schema. A function, so importing it validates nothing. */
export function xinfangConfigModule(): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    validationSchema: configSchema,
  });
}
