import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MatterSimilarity } from '../../repeats/matter-similarity.js';
import { storedTerms } from '../../repeats/matter-terms.repository.js';

const BACKFILL_BATCH = 500;

/**
 * What similarity needs is stored at registration, so that a new petition is compared with the
 * stored term vectors of earlier ones instead of segmenting their text again (issue 14: the cost
 * of a registration grew with the size of its hotspot). petition_entity gains the prefecture and
 * time of each petition, so the candidates of a hotspot are read from one index range, newest
 * first. The term vectors of existing petitions are computed here.
 */
export class StoredMatterTerms1765950000000 implements MigrationInterface {
  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE intake.petition_terms (
        petition_id uuid PRIMARY KEY REFERENCES intake.petition (id) DEFERRABLE INITIALLY DEFERRED,
        terms jsonb NOT NULL
      )`);
    await runner.query(`
      ALTER TABLE intake.petition_entity
        ADD COLUMN prefecture text, ADD COLUMN received_at timestamptz`);
    await runner.query(`
      UPDATE intake.petition_entity e
      SET prefecture = left(p.division_code, 4) || '00', received_at = p.received_at
      FROM intake.petition p WHERE p.id = e.petition_id`);
    await runner.query(`
      ALTER TABLE intake.petition_entity
        ALTER COLUMN prefecture SET NOT NULL, ALTER COLUMN received_at SET NOT NULL`);
    await runner.query(`DROP INDEX intake.petition_entity_entity`);
    await runner.query(`
      CREATE INDEX petition_entity_recent
      ON intake.petition_entity (entity, prefecture, received_at DESC)`);
    await backfillTerms(runner);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP INDEX intake.petition_entity_recent`);
    await runner.query(`CREATE INDEX petition_entity_entity ON intake.petition_entity (entity)`);
    await runner.query(
      `ALTER TABLE intake.petition_entity DROP COLUMN prefecture, DROP COLUMN received_at`,
    );
    await runner.query(`DROP TABLE intake.petition_terms`);
  }
}

/**
 * Every petition's term vector, in batches in id order, each batch read from where the last ended
 * (jieba is loaded only when there is a petition to read).
 */
async function backfillTerms(runner: QueryRunner) {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await runner.query(
      `SELECT id, title, content FROM intake.petition WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, BACKFILL_BATCH],
    )) as { id: string; title: string; content: string }[];
    const last = rows.at(-1);
    if (!last) return;
    const text = MatterSimilarity.shared();
    await runner.query(
      `INSERT INTO intake.petition_terms (petition_id, terms)
       SELECT * FROM unnest($1::uuid[], $2::jsonb[])`,
      [
        rows.map((row) => row.id),
        rows.map((row) => storedTerms(text.terms(row.title, row.content))),
      ],
    );
    after = last.id;
  }
}
