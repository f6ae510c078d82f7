import type { EntityManager } from 'typeorm';
import type { PhoneKind } from '#common';

/**
 * What notify reads of intake and routing: only their published, versioned views (…_v1), never
 * their tables. Phones and codes come sealed and are opened only to send or to call.
 */

export interface UnitContact {
  code: string;
  contact_email: string | null;
  contact_phone: string | null;
}

/** The duty mailbox and phone of each unit, from routing's directory. */
export function unitContacts(manager: EntityManager, codes: string[]): Promise<UnitContact[]> {
  return manager.query<UnitContact[]>(
    `SELECT code, contact_email, contact_phone FROM routing.unit_directory_v1 WHERE code = ANY ($1)`,
    [codes],
  );
}

export async function unitName(manager: EntityManager, code: string): Promise<string | null> {
  const [unit] = await manager.query<{ name: string }[]>(
    `SELECT name FROM routing.unit_directory_v1 WHERE code = $1`,
    [code],
  );
  return unit?.name ?? null;
}

export async function unitExists(manager: EntityManager, code: string): Promise<boolean> {
  const [unit] = await manager.query<unknown[]>(
    `SELECT 1 FROM routing.unit_directory_v1 WHERE code = $1`,
    [code],
  );
  return unit !== undefined;
}

export interface UnitAbove {
  code: string;
  name: string;
  /** The petition bureau that supervises it, found as routing finds it. */
  bureau: string | null;
}

/**
 * Each unit with the bureau above it: a unit's county bureau, else its prefecture's; a bureau's
 * superior.
 */
export function unitsWithBureau(manager: EntityManager, codes: string[]): Promise<UnitAbove[]> {
  return manager.query<UnitAbove[]>(
    `SELECT u.code, u.name, (
       SELECT b.code FROM routing.unit_directory_v1 b
       WHERE (u.kind = 'PETITION_BUREAU' AND b.code = u.superior_code)
          OR (u.kind <> 'PETITION_BUREAU' AND b.kind = 'PETITION_BUREAU'
              AND b.division_code IN (left(u.division_code, 6), left(u.division_code, 4) || '00'))
       ORDER BY b.division_code = left(u.division_code, 6) DESC LIMIT 1) AS bureau
     FROM routing.unit_directory_v1 u WHERE u.code = ANY ($1)`,
    [codes],
  );
}

/** The units with an active admin: who hears that next year's calendar is missing. */
export async function unitsWithAdmins(manager: EntityManager): Promise<string[]> {
  const rows = await manager.query<{ unit_code: string }[]>(
    `SELECT DISTINCT unit_code FROM routing.staff_directory_v1
     WHERE active AND 'admin' = ANY (roles) ORDER BY unit_code`,
  );
  return rows.map((row) => row.unit_code);
}

/**
 * Of the staff ids given, those active in the unit, or in a unit of the territory (a division
 * code prefix) when `territory` is set.
 */
export async function activeStaffOf(
  manager: EntityManager,
  staffIds: string[],
  where: { code: string; territory: boolean },
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT s.id FROM routing.staff_directory_v1 s
     JOIN routing.unit_directory_v1 u ON u.code = s.unit_code
     WHERE s.id = ANY ($1::uuid[]) AND s.active
       AND (CASE WHEN $3 THEN u.division_code LIKE $2 || '%' ELSE s.unit_code = $2 END)`,
    [staffIds, where.code, where.territory],
  );
  return rows.map((row) => row.id);
}

/** The units leading a case now (assigned or accepted), in code order. */
export async function leadUnits(manager: EntityManager, petitionId: string): Promise<string[]> {
  const rows = await manager.query<{ unit_code: string }[]>(
    `SELECT DISTINCT unit_code FROM routing.case_assignment_v1
     WHERE petition_id = $1 AND role = 'LEAD' AND status IN ('ASSIGNED', 'ACCEPTED')
     ORDER BY unit_code`,
    [petitionId],
  );
  return rows.map((row) => row.unit_code);
}

/**
 * The units handling any of the petitions and the petition bureau of each one's county, in code
 * order.
 */
export async function unitsConcerned(
  manager: EntityManager,
  petitionIds: string[],
): Promise<string[]> {
  const rows = await manager.query<{ unit_code: string }[]>(
    `SELECT unit_code FROM routing.case_assignment_v1
     WHERE petition_id = ANY ($1) AND status IN ('ASSIGNED', 'ACCEPTED')
     UNION
     SELECT u.code FROM routing.unit_directory_v1 u
     JOIN intake.petition_for_routing_v1 p ON u.division_code = left(p.division_code, 6)
     WHERE p.id = ANY ($1) AND u.kind = 'PETITION_BUREAU'
     ORDER BY 1`,
    [petitionIds],
  );
  return rows.map((row) => row.unit_code);
}

/** A petition by its case number, with where it arose. */
export async function petitionByCaseNo(
  manager: EntityManager,
  caseNo: string,
): Promise<{ id: string; division_code: string } | undefined> {
  const [petition] = await manager.query<{ id: string; division_code: string }[]>(
    `SELECT id, division_code FROM intake.petition_for_routing_v1 WHERE case_no = $1`,
    [caseNo],
  );
  return petition;
}

/** The case numbers of the petitions, newest first, at most `limit`. */
export async function newestCaseNumbers(
  manager: EntityManager,
  petitionIds: string[],
  limit: number,
): Promise<string[]> {
  const rows = await manager.query<{ case_no: string }[]>(
    `SELECT case_no FROM intake.petition_for_routing_v1
      WHERE id = ANY ($1) AND case_no IS NOT NULL ORDER BY received_at DESC LIMIT $2`,
    [petitionIds, limit],
  );
  return rows.map((row) => row.case_no);
}

/** The newest of the petitions in each county (first six digits of its division code). */
export function newestPerCounty(
  manager: EntityManager,
  petitionIds: string[],
): Promise<{ petition_id: string; case_no: string; division_code: string }[]> {
  return manager.query(
    `SELECT DISTINCT ON (left(division_code, 6)) id AS petition_id, case_no, division_code
     FROM intake.petition_for_routing_v1 WHERE id = ANY ($1)
     ORDER BY left(division_code, 6), received_at DESC`,
    [petitionIds],
  );
}

export interface PetitionReceipt {
  case_no: string;
  /** The unit that registered it, whose call-back list a landline's notice goes on. */
  registered_by_unit: string | null;
  /** Intake keeps the query code sealed for the receipt SMS (cleared after a week). */
  receipt_code_sealed: string | null;
}

export async function petitionReceipt(
  manager: EntityManager,
  petitionId: string,
): Promise<PetitionReceipt | undefined> {
  const [petition] = await manager.query<PetitionReceipt[]>(
    `SELECT case_no, registered_by_unit, receipt_code_sealed
     FROM intake.petition_receipt_v1 WHERE id = $1`,
    [petitionId],
  );
  return petition;
}

/** The query code sealed for the receipt SMS, while intake keeps it. */
export async function sealedReceiptCode(
  manager: EntityManager,
  petitionId: string,
): Promise<string | null> {
  return (await petitionReceipt(manager, petitionId))?.receipt_code_sealed ?? null;
}

/** The last day a transferring organ set for the report back (China date), if any. */
export async function reportBackDue(
  manager: EntityManager,
  petitionId: string,
): Promise<string | null> {
  const [transfer] = await manager.query<{ due: string | null }[]>(
    `SELECT report_back_due_on::text AS due FROM intake.petition_transfer_v1
     WHERE petition_id = $1`,
    [petitionId],
  );
  return transfer?.due ?? null;
}

/** The petitioners of a petition who gave a phone, with its kind; the phone stays in intake. */
export function petitionersWithPhone(
  manager: EntityManager,
  petitionId: string,
): Promise<{ id: string; phone_kind: PhoneKind | null }[]> {
  return manager.query(
    `SELECT id, phone_kind FROM intake.petitioner_contact_v1
     WHERE petition_id = $1 AND phone_sealed IS NOT NULL ORDER BY id`,
    [petitionId],
  );
}

export async function sealedPhone(
  manager: EntityManager,
  petitionerId: string,
): Promise<string | null> {
  const [person] = await manager.query<{ phone_sealed: string | null }[]>(
    `SELECT phone_sealed FROM intake.petitioner_contact_v1 WHERE id = $1`,
    [petitionerId],
  );
  return person?.phone_sealed ?? null;
}

/** A phone verification: the sealed phone, and whether its code has expired. */
export async function phoneVerification(
  manager: EntityManager,
  verificationId: string,
): Promise<{ phone_sealed: string; expired: boolean } | undefined> {
  const [verification] = await manager.query<{ phone_sealed: string; expired: boolean }[]>(
    `SELECT phone_sealed, expires_at <= now() AS expired
     FROM intake.phone_verification_v1 WHERE id = $1`,
    [verificationId],
  );
  return verification;
}
