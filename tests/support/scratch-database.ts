import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { serviceDataSourceOptions, type ServiceSchema } from '#common';

/** The server the tests use: the machine's own, unless TEST_DATABASE_URL says otherwise. */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  /** Random, also usable to name other things the test owns. */
  id: string;
  url: string;
  drop(): Promise<void>;
}

async function onServer(sql: string) {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A database of the test's own on the test server, so test files run side by side. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const id = randomBytes(5).toString('hex');
  const name = `xinfang_test_${id}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    id,
    url: url.toString(),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * A scratch database holding one service schema with one migration applied: for testing a
 * migration and the code that reads its tables, without the rest of the system.
 */
export async function scratchSchema(
  schema: ServiceSchema,
  migration: MigrationInterface,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[] = [],
): Promise<{ dataSource: DataSource; dispose(): Promise<void> }> {
  const database = await createScratchDatabase();
  const dataSource = new DataSource(
    serviceDataSourceOptions({ DATABASE_URL: database.url }, { schema, entities, migrations: [] }),
  );
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  const runner = dataSource.createQueryRunner();
  try {
    await migration.up(runner);
  } finally {
    await runner.release();
  }
  return {
    dataSource,
    async dispose() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
