import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** Field names and places of earlier releases that a route still accepts. */
export interface LegacyFields {
  /** Body fields renamed: old name → today's. */
  renamed?: Record<string, string>;
  /** Query parameters renamed: old name → today's. */
  renamedInQuery?: Record<string, string>;
  /** Body fields that now belong in the query string. */
  movedToQuery?: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The record with each old key under today's name, unless today's is given too. */
function renamedKeys(record: Record<string, unknown>, renames: Record<string, string> = {}) {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      const current = renames[key];
      return [current !== undefined && !Object.hasOwn(record, current) ? current : key, value];
    }),
  );
}

/**
 * Rewrites a request of an earlier release into today's shape before the pipes read it. An old
 * field moves only when today's place is empty; when both are given the old one stays, and the
 * strict schema refuses it as unknown rather than guessing which one was meant.
 */
export function modernise(
  legacy: LegacyFields,
  body: unknown,
  query: Record<string, unknown>,
): { body: unknown; query: Record<string, unknown> } {
  const newQuery = renamedKeys(query, legacy.renamedInQuery);
  if (!isRecord(body)) return { body, query: newQuery };
  const renamed = renamedKeys(body, legacy.renamed);
  const moved = (legacy.movedToQuery ?? []).filter(
    (field) => Object.hasOwn(renamed, field) && !Object.hasOwn(newQuery, field),
  );
  for (const field of moved) newQuery[field] = renamed[field];
  const newBody = Object.fromEntries(
    Object.entries(renamed).filter(([key]) => !moved.includes(key)),
  );
  return { body: newBody, query: newQuery };
}

/** Interceptors run before pipes: the rewritten request is what the pipes validate. */
export class LegacyFieldsInterceptor implements NestInterceptor {
  constructor(private readonly legacy: LegacyFields) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const { body, query } = modernise(this.legacy, request.body, request.query);
    request.body = body;
    // Express 5 computes req.query from the URL on each read; an own property takes its place.
    Object.defineProperty(request, 'query', { value: query, configurable: true, writable: true });
    return next.handle();
  }
}
