import { HttpStatus } from '@nestjs/common';
import { ACCUSED_UNIT_REFUSAL, ApiError, barringAccusedUnit, type Tx } from '#common';
import { AccusedPartiesRepository } from './accused-parties.repository.js';

/** The 409 of the accused-unit rule, naming the accused unit that bars the assignment. */
export const accusedUnitConflict = (unitCode: string, accusedUnitCode: string) =>
  new ApiError(HttpStatus.CONFLICT, ACCUSED_UNIT_REFUSAL.code, {
    zh: `${ACCUSED_UNIT_REFUSAL.zh}（${unitCode}，被检举控告单位 ${accusedUnitCode}）`,
    en: `${ACCUSED_UNIT_REFUSAL.en} (${unitCode}; accused unit ${accusedUnitCode})`,
  });

/** The accused unit that bars `unitCode` from the petition's case, or null. */
export async function barringUnitFor(
  tx: Tx,
  petitionId: string,
  unitCode: string,
): Promise<string | null> {
  const parties = new AccusedPartiesRepository(tx.manager);
  const accused = await parties.unitCodes(petitionId);
  if (accused.length === 0) return null;
  return barringAccusedUnit(
    { code: unitCode, ancestors: await parties.ancestorsOf(unitCode) },
    accused,
  );
}

/**
 * Refuses, with a 409 that states the rule, any assignment of the case to an accused unit or one
 * under it. Every path that gives a case to a unit calls this (assignCase, transfer requests,
 * supervision notices).
 */
export async function assertNotAccused(tx: Tx, petitionId: string, unitCode: string) {
  const barring = await barringUnitFor(tx, petitionId, unitCode);
  if (barring) throw accusedUnitConflict(unitCode, barring);
}
