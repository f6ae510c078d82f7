import pg from 'pg';
import type { AppConfig, ServiceSchema } from '#common';
import { grantStatements, revokeStatements, serviceRoles } from '../database-roles.js';
import { allServiceData, withDataSource } from '../service-data.js';

// One lock for all migrations, so replicas or a second `npm start` cannot run them twice.
const MIGRATION_LOCK = 7_370_101;

type MigrateConfig = Pick<AppConfig, 'DATABASE_URL'> &
  Partial<Pick<AppConfig, 'INTAKE_DATABASE_URL' | 'ROUTING_DATABASE_URL' | 'NOTIFY_DATABASE_URL'>>;

/**
 * Applies every service's pending migrations, each in the schema it owns, as the role that
 * connects (`config.DATABASE_URL`: the CLI passes MIGRATION_DATABASE_URL there), then gives each
 * service role of its own exactly its rights.
 */
export async function migrate(config: MigrateConfig): Promise<string[]> {
  const applied: string[] = [];
  for (const spec of allServiceData) {
    await withDataSource(config, spec, async (dataSource) => {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await runner.query(`CREATE SCHEMA IF NOT EXISTS "${spec.schema}"`);
        const migrations = await dataSource.runMigrations({ transaction: 'each' });
        applied.push(...migrations.map((m) => `${spec.schema}: ${m.name}`));
        await spec.referenceData?.(dataSource.manager);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        await runner.release();
      }
    });
  }
  await grantServiceRoles(config);
  return applied;
}

/**
 * Re-grants each service role from scratch, in one transaction, after every migration run. A
 * role that serves several services (one shared URL) gets the union of their rights.
 */
async function grantServiceRoles(config: MigrateConfig) {
  const bySchema = Object.entries(serviceRoles(config, config.DATABASE_URL)) as [
    ServiceSchema,
    string,
  ][];
  if (bySchema.length === 0) return;
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    for (const role of new Set(bySchema.map(([, role]) => role))) {
      for (const statement of revokeStatements(role)) await client.query(statement);
    }
    for (const [schema, role] of bySchema) {
      const { rows } = await client.query<{ name: string; kind: 'table' | 'view' }>(
        `SELECT c.relname AS name,
                CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS kind
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm')
          ORDER BY c.relname`,
        [schema],
      );
      for (const statement of grantStatements(schema, role, rows)) await client.query(statement);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
