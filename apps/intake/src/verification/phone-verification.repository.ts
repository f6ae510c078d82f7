import type { EntityManager } from 'typeorm';

/** A phone's code as intake.phone_verification keeps it. */
export interface VerificationRow {
  id: string;
  code_hash: string;
  failures: number;
  expires_at: Date;
  used_at: Date | null;
}

export async function insertVerification(
  manager: EntityManager,
  row: { id: string; phoneIndex: string; phoneSealed: string; codeHash: string; ttlMs: number },
): Promise<void> {
  await manager.query(
    `INSERT INTO intake.phone_verification (id, phone_index, phone_sealed, code_hash, expires_at)
     VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')`,
    [row.id, row.phoneIndex, row.phoneSealed, row.codeHash, row.ttlMs],
  );
}

/** The phone's latest code, locked until the commit. */
export async function lockLatestVerification(
  manager: EntityManager,
  phoneIndex: string,
): Promise<VerificationRow | undefined> {
  const [latest] = await manager.query<VerificationRow[]>(
    `SELECT id, code_hash, failures, expires_at, used_at FROM intake.phone_verification
     WHERE phone_index = $1 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [phoneIndex],
  );
  return latest;
}

export async function markVerificationUsed(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE intake.phone_verification SET used_at = now() WHERE id = $1`, [id]);
}

export async function countVerificationFailure(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `UPDATE intake.phone_verification SET failures = failures + 1 WHERE id = $1`,
    [id],
  );
}
