import type { EntityManager } from 'typeorm';

/** Forgets the Idempotency-Key records (and their sealed receipts) older than `hours`. */
export async function purgeIdempotencyRecords(
  manager: EntityManager,
  hours: number,
): Promise<number> {
  const [, purged] = await manager.query<[unknown[], number]>(
    `DELETE FROM intake.idempotency_record WHERE created_at < now() - make_interval(hours => $1)`,
    [hours],
  );
  return purged;
}

/**
 * Takes the key; false when a request took it first. A concurrent request with the same key
 * waits on the primary key until the first one commits.
 */
export async function takeIdempotencyKey(
  manager: EntityManager,
  claim: { scope: string; key: string; requestHash: string },
): Promise<boolean> {
  const taken = await manager.query<unknown[]>(
    `INSERT INTO intake.idempotency_record (scope, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
    [claim.scope, claim.key, claim.requestHash],
  );
  return taken.length === 1;
}

/** The request hash and sealed receipt of the request that took the key. */
export async function findIdempotencyRecord(
  manager: EntityManager,
  claim: { scope: string; key: string },
): Promise<{ request_hash: string; response_sealed: string } | undefined> {
  const [first] = await manager.query<{ request_hash: string; response_sealed: string }[]>(
    `SELECT request_hash, response_sealed FROM intake.idempotency_record
     WHERE scope = $1 AND key = $2`,
    [claim.scope, claim.key],
  );
  return first;
}

/** Keeps the sealed receipt, for a repeated request to get. */
export async function storeIdempotentResponse(
  manager: EntityManager,
  claim: { scope: string; key: string },
  responseSealed: string,
): Promise<void> {
  await manager.query(
    `UPDATE intake.idempotency_record SET response_sealed = $3 WHERE scope = $1 AND key = $2`,
    [claim.scope, claim.key, responseSealed],
  );
}
