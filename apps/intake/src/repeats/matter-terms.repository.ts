import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TermVector } from './matter-similarity.js';

/** An earlier petition of the same petitioner, with its stored term vector. */
export interface RepeatCandidate {
  id: string;
  caseNo: string;
  status: string;
  repeatOf: string | null;
  terms: TermVector;
}

/** An earlier petition naming an entity the new one names, with its stored term vector. */
export interface HotspotCandidate {
  id: string;
  hotspotId: string | null;
  terms: TermVector;
  /** The entities it shares with the new petition. */
  shared: string[];
}

/** Stored as [term, weight] pairs, so that a vector read back has its terms in their order. */
type StoredTerms = [string, number][];

/** A term vector as intake.petition_terms stores it (jsonb). */
export function storedTerms(terms: TermVector): string {
  const pairs: StoredTerms = [...terms];
  return JSON.stringify(pairs);
}

/**
 * What similarity needs of each petition, written at registration: its term vector
 * (intake.petition_terms) and, for petitions that may join a hotspot, the entities it names with
 * its prefecture and time (intake.petition_entity). Earlier petitions are compared by these, never
 * by segmenting their text again, and are found through indexes, at most `limit` at a time.
 */
@Injectable()
export class MatterTermsRepository {
  async storeTerms(manager: EntityManager, petitionId: string, terms: TermVector): Promise<void> {
    await manager.query(`INSERT INTO intake.petition_terms (petition_id, terms) VALUES ($1, $2)`, [
      petitionId,
      storedTerms(terms),
    ]);
  }

  async storeEntities(
    manager: EntityManager,
    petition: { id: string; divisionCode: string; receivedAt: Date },
    entities: readonly string[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO intake.petition_entity (petition_id, entity, prefecture, received_at)
       SELECT $1, entity, left($3, 4) || '00', $4 FROM unnest($2::text[]) AS entity`,
      [petition.id, entities, petition.divisionCode, petition.receivedAt],
    );
  }

  /**
   * The petitioner's cases (by the blind indexes of ID number or phone) that may still absorb a
   * repeat: open, concluded within `lookbackDays`, or concluded by re-review. The `limit` most
   * recently received, returned oldest first.
   */
  async repeatCandidates(
    manager: EntityManager,
    person: { idIndexes: string[]; phoneIndexes: string[] },
    lookbackDays: number,
    limit: number,
  ): Promise<RepeatCandidate[]> {
    const rows = await manager.query<
      {
        id: string;
        case_no: string;
        status: string;
        repeat_of: string | null;
        terms: StoredTerms;
      }[]
    >(
      `SELECT * FROM (
         SELECT p.id, p.case_no, p.status, p.repeat_of, p.received_at, t.terms
         FROM intake.petition p JOIN intake.petition_terms t ON t.petition_id = p.id
         WHERE p.id IN (SELECT person.petition_id FROM intake.petitioner person
                        WHERE person.id_number_index = ANY ($1) OR person.phone_index = ANY ($2))
           AND (p.closed_at IS NULL OR p.closed_at > now() - make_interval(days => $3)
                OR p.status = 'RE_REVIEWED')
         ORDER BY p.received_at DESC LIMIT $4) recent
       ORDER BY received_at`,
      [person.idIndexes, person.phoneIndexes, lookbackDays, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      caseNo: row.case_no,
      status: row.status,
      repeatOf: row.repeat_of,
      terms: new Map(row.terms),
    }));
  }

  /**
   * Petitions of other people (none of `personIndexes`) that name one of `entities`, in the same
   * prefecture, received at most `windowDays` before `receivedAt`: the `limit` most recently
   * received. Each entity's index range is read newest first and stops at `limit` rows.
   */
  async hotspotCandidates(
    manager: EntityManager,
    matter: {
      entities: string[];
      divisionCode: string;
      receivedAt: Date;
      personIndexes: string[];
    },
    windowDays: number,
    limit: number,
  ): Promise<HotspotCandidate[]> {
    const rows = await manager.query<
      { id: string; hotspot_id: string | null; terms: StoredTerms; shared: string[] }[]
    >(
      `WITH recent AS (
         SELECT e.petition_id, max(e.received_at) AS received_at
         FROM unnest($1::text[]) AS named (entity)
         CROSS JOIN LATERAL (
           SELECT x.petition_id, x.received_at FROM intake.petition_entity x
           WHERE x.entity = named.entity AND x.prefecture = left($2, 4) || '00'
             AND x.received_at > $3::timestamptz - make_interval(days => $4)
             AND NOT EXISTS (
               SELECT 1 FROM intake.petitioner person WHERE person.petition_id = x.petition_id
                 AND (person.id_number_index = ANY ($5) OR person.phone_index = ANY ($5)))
           ORDER BY x.received_at DESC LIMIT $6) e
         GROUP BY e.petition_id
         ORDER BY max(e.received_at) DESC LIMIT $6)
       SELECT p.id, p.hotspot_id, t.terms,
              (SELECT array_agg(s.entity) FROM intake.petition_entity s
               WHERE s.petition_id = p.id AND s.entity = ANY ($1)) AS shared
       FROM recent JOIN intake.petition p ON p.id = recent.petition_id
       JOIN intake.petition_terms t ON t.petition_id = p.id
       WHERE p.status <> 'REPEAT'
       ORDER BY recent.received_at DESC`,
      [
        matter.entities,
        matter.divisionCode,
        matter.receivedAt,
        windowDays,
        matter.personIndexes,
        limit,
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      hotspotId: row.hotspot_id,
      terms: new Map(row.terms),
      shared: row.shared,
    }));
  }
}
