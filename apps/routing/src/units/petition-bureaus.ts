import { forbidden, territoryPrefix, type StaffUser, type Tx } from '#common';
import type { EntityManager } from 'typeorm';
import { countyOf, prefectureOf } from '../assignments/routing-policy.js';
import type { Unit } from '../database/unit.entity.js';
import { StaffAccountRepository } from '../staff/staff-account.repository.js';
import { UnitRepository } from './unit.repository.js';

/** The petition bureaus over a place, nearest first: its county's, then its prefecture's. */
export async function bureausOver(tx: Tx, divisionCode: string): Promise<Unit[]> {
  const units = new UnitRepository(tx.manager);
  const bureaus: Unit[] = [];
  for (const division of new Set([countyOf(divisionCode), prefectureOf(divisionCode)])) {
    const bureau = await units.bureauOf(division);
    if (bureau) bureaus.push(bureau);
  }
  return bureaus;
}

/**
 * The petition bureau that supervises a unit: the bureau of the unit's county, or, for that
 * bureau itself, the bureau above it.
 */
export async function supervisingBureau(tx: Tx, unit: Unit): Promise<Unit | null> {
  if (unit.kind === 'PETITION_BUREAU') {
    return unit.superiorCode ? new UnitRepository(tx.manager).byCode(unit.superiorCode) : null;
  }
  return (await bureausOver(tx, unit.divisionCode))[0] ?? null;
}

/**
 * The bureau whose dispatchers must decide about a case of a place: the nearest bureau over it
 * that has an active dispatcher, so that a county bureau without one does not leave the case
 * unseen (its prefecture's dispatchers may decide too); the nearest bureau when none has.
 */
export async function dispatchingBureau(tx: Tx, divisionCode: string): Promise<Unit | null> {
  const bureaus = await bureausOver(tx, divisionCode);
  const accounts = new StaffAccountRepository(tx.manager);
  for (const bureau of bureaus) {
    if (await accounts.hasActiveDispatcher(bureau.code)) return bureau;
  }
  return bureaus[0] ?? null;
}

/**
 * The territory (属地, a division-code prefix) of the petition bureau the staff member works in;
 * 403 for staff of other units, whose work is not a territory's.
 */
export async function bureauTerritory(manager: EntityManager, staff: StaffUser): Promise<string> {
  const unit = await new UnitRepository(manager).byCode(staff.unitCode);
  if (unit?.kind !== 'PETITION_BUREAU') throw forbidden();
  return territoryPrefix(unit);
}
