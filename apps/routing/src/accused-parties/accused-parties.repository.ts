import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccusedParty } from '../assignments/routing-policy.js';

/** An accused party as stored, with where it came from. */
export interface StoredAccusedParty extends AccusedParty {
  id: string;
  /** TEXT: read from the petition; STAFF: recorded or corrected by a registrar or dispatcher. */
  source: 'TEXT' | 'STAFF';
  unitName: string | null;
  recordedAt: Date;
}

interface PartyRow {
  id: string;
  kind: 'UNIT' | 'OFFICIAL';
  name_as_written: string;
  position: string | null;
  unit_code: string | null;
  unit_name: string | null;
  source: 'TEXT' | 'STAFF';
  recorded_at: Date;
}

/** routing.accused_party and its corrections. */
export class AccusedPartiesRepository {
  constructor(private readonly manager: EntityManager) {}

  async current(petitionId: string): Promise<StoredAccusedParty[]> {
    const rows = await this.manager.query<PartyRow[]>(
      `SELECT p.id, p.kind, p.name_as_written, p.position, p.unit_code, u.name AS unit_name,
              p.source, p.recorded_at
       FROM routing.accused_party p LEFT JOIN routing.unit u ON u.code = p.unit_code
       WHERE p.petition_id = $1 AND p.withdrawn_at IS NULL
       ORDER BY p.recorded_at, p.id`,
      [petitionId],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      nameAsWritten: row.name_as_written,
      position: row.position,
      unitCode: row.unit_code,
      unitName: row.unit_name,
      source: row.source,
      recordedAt: row.recorded_at,
    }));
  }

  /** The accused unit codes of a petition: what the accused-unit rule keeps its case from. */
  async unitCodes(petitionId: string): Promise<string[]> {
    const rows = await this.manager.query<{ unit_code: string }[]>(
      `SELECT DISTINCT unit_code FROM routing.accused_party
       WHERE petition_id = $1 AND withdrawn_at IS NULL AND unit_code IS NOT NULL`,
      [petitionId],
    );
    return rows.map((row) => row.unit_code);
  }

  /** The superiors of a unit, nearest first. */
  async ancestorsOf(unitCode: string): Promise<string[]> {
    const [row] = await this.manager.query<{ ancestors: string[] }[]>(
      `SELECT ancestors FROM routing.unit_directory_v1 WHERE code = $1`,
      [unitCode],
    );
    return row?.ancestors ?? [];
  }

  async add(
    petitionId: string,
    parties: readonly AccusedParty[],
    source: 'TEXT' | 'STAFF',
    recordedBy: string | null,
    at: Date,
  ) {
    for (const party of parties) {
      await this.manager.query(
        `INSERT INTO routing.accused_party
           (id, petition_id, kind, name_as_written, position, unit_code, source, recorded_by,
            recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          randomUUID(),
          petitionId,
          party.kind,
          party.nameAsWritten,
          party.position,
          party.unitCode,
          source,
          recordedBy,
          at,
        ],
      );
    }
  }

  async withdrawAll(petitionId: string, by: string, at: Date) {
    await this.manager.query(
      `UPDATE routing.accused_party SET withdrawn_by = $2, withdrawn_at = $3
       WHERE petition_id = $1 AND withdrawn_at IS NULL`,
      [petitionId, by, at],
    );
  }

  async recordCorrection(correction: {
    petitionId: string;
    caseNo: string;
    before: readonly AccusedParty[];
    after: readonly AccusedParty[];
    reason: string;
    by: string;
    at: Date;
  }) {
    await this.manager.query(
      `INSERT INTO routing.accused_party_correction
         (id, petition_id, case_no, before, after, reason, corrected_by, corrected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        randomUUID(),
        correction.petitionId,
        correction.caseNo,
        JSON.stringify(correction.before.map(plain)),
        JSON.stringify(correction.after.map(plain)),
        correction.reason,
        correction.by,
        correction.at,
      ],
    );
  }

  async corrections(petitionId: string) {
    return this.manager.query<
      {
        before: AccusedParty[];
        after: AccusedParty[];
        reason: string;
        corrected_by: string;
        corrected_at: Date;
      }[]
    >(
      `SELECT before, after, reason, corrected_by, corrected_at
       FROM routing.accused_party_correction WHERE petition_id = $1 ORDER BY corrected_at`,
      [petitionId],
    );
  }
}

const plain = ({ kind, nameAsWritten, position, unitCode }: AccusedParty): AccusedParty => ({
  kind,
  nameAsWritten,
  position,
  unitCode,
});
