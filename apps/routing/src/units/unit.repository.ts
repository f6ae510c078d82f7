import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { pageOffset } from '#common';
import { Unit } from '../database/unit.entity.js';
import type { UnitInput } from './unit-schema.js';
import type { UnitSearch } from './units.schemas.js';

/** What a division code starts with for it and the divisions under it (510900 → 5109). */
const divisionPrefix = (code: string) => (/^\d{4}00$/.test(code) ? code.slice(0, 4) : code);

/** routing.unit: the directory of units. */
export class UnitRepository {
  constructor(private readonly manager: EntityManager) {}

  byCode(code: string): Promise<Unit | null> {
    return this.manager.findOneBy(Unit, { code });
  }

  /** An inactive unit keeps its cases but is given no new ones. */
  activeByCode(code: string): Promise<Unit | null> {
    return this.manager.findOneBy(Unit, { code, active: true });
  }

  isActive(code: string): Promise<boolean> {
    return this.manager.existsBy(Unit, { code, active: true });
  }

  byCodes(codes: string[]): Promise<Unit[]> {
    return this.manager.findBy(Unit, { code: In(codes) });
  }

  /** The petition bureau of a division (county or prefecture), if the directory has one. */
  bureauOf(divisionCode: string): Promise<Unit | null> {
    return this.manager.findOneBy(Unit, { divisionCode, kind: 'PETITION_BUREAU' });
  }

  /** The active units of these divisions, by code. */
  activeInDivisions(divisionCodes: string[]): Promise<Unit[]> {
    return this.manager.find(Unit, {
      where: { divisionCode: In(divisionCodes), active: true },
      order: { code: 'ASC' },
    });
  }

  /** A page of the units that pass the filters, by code, with how many pass. */
  search(filters: UnitSearch): Promise<[Unit[], number]> {
    const query = this.manager.createQueryBuilder(Unit, 'u');
    if (filters.divisionCode) {
      query.andWhere('u.divisionCode LIKE :division', {
        division: `${divisionPrefix(filters.divisionCode)}%`,
      });
    }
    if (filters.kind) query.andWhere('u.kind = :kind', { kind: filters.kind });
    if (filters.level) query.andWhere('u.level = :level', { level: filters.level });
    if (filters.category) {
      query.andWhere(':category = ANY (u.categories)', { category: filters.category });
    }
    if (filters.active !== undefined)
      query.andWhere('u.active = :active', { active: filters.active });
    return query
      .orderBy('u.code')
      .skip(pageOffset(filters))
      .take(filters.pageSize)
      .getManyAndCount();
  }

  /**
   * Locks the directory against other changes, and reads it (code → superior code). The lock
   * leaves reads, and the foreign keys of new assignments and accounts, unblocked.
   */
  async lockForChange(): Promise<Map<string, string | null>> {
    await this.manager.query(`LOCK TABLE routing.unit IN SHARE ROW EXCLUSIVE MODE`);
    const rows = await this.manager.query<{ code: string; superior_code: string | null }[]>(
      `SELECT code, superior_code FROM routing.unit`,
    );
    return new Map(rows.map((row) => [row.code, row.superior_code]));
  }

  async insert(unit: UnitInput): Promise<void> {
    await this.manager.insert(Unit, unit);
  }

  async update(code: string, changes: Partial<Unit>): Promise<void> {
    await this.manager.update(Unit, { code }, changes);
  }

  /** Deactivates every active unit not listed; how many. */
  async deactivateAllBut(codes: string[]): Promise<number> {
    const [, count] = await this.manager.query<[unknown[], number]>(
      `UPDATE routing.unit SET active = false WHERE active AND code <> ALL ($1::text[])`,
      [codes],
    );
    return count;
  }

  /** Writes the unit, a row only when it differs: created, updated, or null when unchanged. */
  async upsert(unit: UnitInput): Promise<'created' | 'updated' | null> {
    // xmax = 0 tells a new row from an updated one.
    const rows = await this.manager.query<{ inserted: boolean }[]>(
      `INSERT INTO routing.unit AS u (code, name, kind, level, division_code, superior_code,
         categories, contact_email, contact_phone, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (code) DO UPDATE SET
         name = excluded.name, kind = excluded.kind, level = excluded.level,
         division_code = excluded.division_code, superior_code = excluded.superior_code,
         categories = excluded.categories, contact_email = excluded.contact_email,
         contact_phone = excluded.contact_phone, active = excluded.active
       WHERE (u.name, u.kind, u.level, u.division_code, u.superior_code, u.categories,
              u.contact_email, u.contact_phone, u.active)
         IS DISTINCT FROM (excluded.name, excluded.kind, excluded.level, excluded.division_code,
              excluded.superior_code, excluded.categories, excluded.contact_email,
              excluded.contact_phone, excluded.active)
       RETURNING xmax = 0 AS inserted`,
      [
        unit.code,
        unit.name,
        unit.kind,
        unit.level,
        unit.divisionCode,
        unit.superiorCode,
        unit.categories,
        unit.contactEmail,
        unit.contactPhone,
        unit.active,
      ],
    );
    const [row] = rows;
    return row ? (row.inserted ? 'created' : 'updated') : null;
  }
}
