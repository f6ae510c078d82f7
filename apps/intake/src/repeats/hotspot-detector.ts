import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Tx } from '#common';
import { CLUSTER_THRESHOLD, MatterText } from './matter-text.js';

/** A cluster of this many cases is raised to the units as one problem. */
export const HOTSPOT_SIZE = 3;
/** A petition brought by this many people is collective (集体访) and raised at once. */
export const COLLECTIVE_SIZE = 5;
const WINDOW_DAYS = 90;

interface Neighbour {
  id: string;
  title: string;
  content: string;
  hotspot_id: string | null;
  /** The entities it shares with the new petition. */
  shared: string[];
}

export interface NewMatter {
  petitionId: string;
  title: string;
  content: string;
  personCount: number;
  receivedAt: Date;
  /** Blind indexes of the petitioners, so a person's own petitions are not a hotspot. */
  personIndexes: string[];
}

/**
 * Links petitions of different people about the same estate, company, project or village (same
 * named entity, text similarity at or above CLUSTER_THRESHOLD, within 90 days) into a hotspot.
 * When a hotspot reaches HOTSPOT_SIZE cases, or a petition is collective, it raises
 * `hotspot.raised` so the units handling them and the petition bureau treat it as one problem.
 */
@Injectable()
export class HotspotDetector {
  private readonly text = MatterText.shared();

  /** Runs in the registration transaction, before the petition row exists (deferred keys). */
  async link(tx: Tx, matter: NewMatter): Promise<string | null> {
    const entities = this.text.entities(matter.title, matter.content);
    for (const entity of entities) {
      await tx.manager.query(
        `INSERT INTO intake.petition_entity (petition_id, entity) VALUES ($1, $2)`,
        [matter.petitionId, entity],
      );
    }
    const hotspotId = entities.length > 0 ? await this.cluster(tx, matter, entities) : null;
    if (matter.personCount >= COLLECTIVE_SIZE) {
      await tx.publish('hotspot.raised', {
        reason: 'COLLECTIVE',
        hotspotId,
        petitionIds: [matter.petitionId],
      });
    }
    return hotspotId;
  }

  private async cluster(tx: Tx, matter: NewMatter, entities: string[]): Promise<string | null> {
    // Petitions about the same entity are linked one at a time, entities locked in one order, so
    // two registrations cannot each hold a neighbour the other needs.
    await tx.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('intake.hotspot:' || entity, 0))
       FROM unnest($1::text[]) AS entity ORDER BY entity`,
      [entities],
    );
    const neighbours = await tx.manager.query<Neighbour[]>(
      `SELECT p.id, p.title, p.content, p.hotspot_id, array_agg(e.entity) AS shared
       FROM intake.petition_entity e JOIN intake.petition p ON p.id = e.petition_id
       WHERE e.entity = ANY ($1) AND p.status <> 'REPEAT'
         AND p.received_at > $2::timestamptz - make_interval(days => $3)
         AND NOT EXISTS (SELECT 1 FROM intake.petitioner person WHERE person.petition_id = p.id
                           AND (person.id_number_index = ANY ($4) OR person.phone_index = ANY ($4)))
       GROUP BY p.id`,
      [entities, matter.receivedAt, WINDOW_DAYS, matter.personIndexes],
    );
    const terms = this.text.terms(matter.title, matter.content);
    const linked = neighbours.filter(
      (n) =>
        this.text.similarityBeyond(terms, this.text.terms(n.title, n.content), n.shared) >=
        CLUSTER_THRESHOLD,
    );
    const [first] = linked;
    if (!first) return null;

    const hotspotId = linked.find((n) => n.hotspot_id)?.hotspot_id ?? randomUUID();
    const members = linked.filter((n) => n.hotspot_id !== hotspotId).map((n) => n.id);
    await tx.manager.query(
      `INSERT INTO intake.hotspot (id, entity, case_count) VALUES ($1, $2, 0) ON CONFLICT (id) DO NOTHING`,
      [hotspotId, first.shared[0] ?? entities[0]],
    );
    // Rows locked in id order: the same order in every transaction.
    await tx.manager.query(
      `UPDATE intake.petition SET hotspot_id = $1 WHERE id IN
         (SELECT id FROM intake.petition WHERE id = ANY ($2) ORDER BY id FOR UPDATE)`,
      [hotspotId, members],
    );
    // The new petition's row is written later in the transaction; it counts already.
    // Wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
    const [hotspot] = await tx.manager.query<{ case_count: number; raised_at: Date | null }[]>(
      `WITH counted AS (
         UPDATE intake.hotspot
         SET case_count = (SELECT count(*) FROM intake.petition WHERE hotspot_id = $1) + 1
         WHERE id = $1 RETURNING case_count, raised_at)
       SELECT * FROM counted`,
      [hotspotId],
    );
    if (hotspot && hotspot.case_count >= HOTSPOT_SIZE && !hotspot.raised_at) {
      await tx.manager.query(`UPDATE intake.hotspot SET raised_at = now() WHERE id = $1`, [
        hotspotId,
      ]);
      const rows = await tx.manager.query<{ id: string }[]>(
        `SELECT id FROM intake.petition WHERE hotspot_id = $1`,
        [hotspotId],
      );
      await tx.publish('hotspot.raised', {
        reason: 'CLUSTER',
        hotspotId,
        petitionIds: [...rows.map((r) => r.id), matter.petitionId],
      });
    }
    return hotspotId;
  }
}
