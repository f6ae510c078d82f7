import { createHash } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { z } from 'zod';
import { ApiError, validationFailed } from '#common';

/** An `Idempotency-Key` header, bound to who sent it and what they sent. */
export interface IdempotencyClaim {
  /** `public`, or `staff:<user id>`: one caller's keys never collide with another's. */
  scope: string;
  key: string;
  requestHash: string;
}

const keySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/);

export function idempotencyClaim(
  header: string | undefined,
  scope: string,
  body: unknown,
): IdempotencyClaim | undefined {
  if (header === undefined) return undefined;
  if (!keySchema.safeParse(header).success) {
    throw validationFailed([
      {
        field: 'Idempotency-Key',
        code: 'idempotency_key_format',
        messages: {
          zh: '幂等键应为8至128位字母、数字或 _ . : -',
          en: 'must be 8 to 128 letters, digits or _ . : -',
        },
      },
    ]);
  }
  // The validated body, so formatting differences of the same request do not matter.
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return { scope, key: header, requestHash };
}

export const idempotencyKeyReused = () =>
  new ApiError(HttpStatus.CONFLICT, 'IDEMPOTENCY_KEY_REUSED', {
    zh: '该幂等键已用于内容不同的请求',
    en: 'This Idempotency-Key was already used with a different request',
  });
