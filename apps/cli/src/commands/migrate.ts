import type { AppConfig } from '#common';
import { allServiceData, withDataSource } from '../service-data.js';

// One lock for all migrations, so replicas or a second `npm start` cannot run them twice.
const MIGRATION_LOCK = 7_370_101;

/** Applies every service's pending migrations, each in the schema it owns. */
export async function migrate(config: Pick<AppConfig, 'DATABASE_URL'>): Promise<string[]> {
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
  return applied;
}
