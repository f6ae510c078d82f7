import type { DataSourceOptions, EntityManager, MixedList, EntitySchema } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';

/** The PostgreSQL schema a service owns. Only that service writes its tables. */
export type ServiceSchema = 'intake' | 'routing' | 'notify';

export interface ServiceDataSourceSpec {
  schema: ServiceSchema;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Loads reference data from a package after the migrations (idempotent), never at request time. */
  referenceData?: (manager: EntityManager) => Promise<unknown>;
}

/** The URL a service connects with: its own role's, else the shared DATABASE_URL. */
export function serviceDatabaseUrl(
  config: Pick<
    AppConfig,
    'DATABASE_URL' | 'INTAKE_DATABASE_URL' | 'ROUTING_DATABASE_URL' | 'NOTIFY_DATABASE_URL'
  >,
  schema: ServiceSchema,
): string {
  const own = {
    intake: config.INTAKE_DATABASE_URL,
    routing: config.ROUTING_DATABASE_URL,
    notify: config.NOTIFY_DATABASE_URL,
  }[schema];
  return own ?? config.DATABASE_URL;
}

/** The URL of the role that owns the schemas: migrations and the command line. */
export function migrationDatabaseUrl(
  config: Pick<AppConfig, 'DATABASE_URL' | 'MIGRATION_DATABASE_URL'>,
): string {
  return config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
}

/**
 * One way to connect, for the services, the CLI and the tests. The schema is never synchronised:
 * every change is a migration, tracked in the service's own `migrations` table.
 */
export function serviceDataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  spec: ServiceDataSourceSpec,
  poolSize = 10,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: spec.schema,
    entities: spec.entities,
    migrations: spec.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // TypeORM's logger prints failed queries with their parameters: personal data. Errors still
    // surface as exceptions, which are logged without parameters.
    logging: false,
    applicationName: `xinfang-${spec.schema}`,
    extra: { max: poolSize },
  };
}
