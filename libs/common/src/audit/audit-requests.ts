import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  type NestInterceptor,
  type NestMiddleware,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Response } from 'express';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/decorators.js';
import { currentCorrelationId, runWithCorrelationId } from '../logging/correlation.js';
import {
  AUDIT_SKIP,
  AuditScope,
  caseNoIn,
  currentAuditScope,
  idIn,
  isRecordedElsewhere,
  outcomeOf,
  runInAuditScope,
  safeParam,
  type RouteEntry,
} from './audit-context.js';
import type { AuditEntry } from './audit-entry.js';
import { AuditTrail } from './audit-trail.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The route's pattern as Express matched it, e.g. `/api/v1/units/:code`. */
function routePattern(request: AuthenticatedRequest): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : '(no route)';
}

/**
 * The entry of a state-changing request, from what the request says before it is served: the
 * method and route pattern, the case number and the other ids of its path, or the case number
 * and uuid of its body. Nothing else of the body: it may hold personal data, or a secret.
 */
export function routeEntry(request: AuthenticatedRequest, successStatus: number): RouteEntry {
  const pattern = routePattern(request);
  const segments = pattern.split('/').filter(Boolean);
  const statics = segments.filter((s) => !s.startsWith(':'));
  let target: RouteEntry['target'] = null;
  let caseNo: string | null = null;
  for (const [index, segment] of segments.entries()) {
    const value: unknown = segment.startsWith(':') ? request.params[segment.slice(1)] : undefined;
    if (typeof value !== 'string') continue;
    if (segment === ':caseNo') {
      caseNo = caseNoIn({ caseNo: value });
    } else {
      target = { type: segments[index - 1] ?? 'resource', id: safeParam(value) };
    }
  }
  const resource = statics.at(-1) ?? 'resource';
  const bodyId = target === null ? idIn(request.body, 'body') : null;
  return {
    action: `${request.method} ${pattern}`,
    caseNo: caseNo ?? caseNoIn(request.body),
    target: target ?? (bodyId === null ? null : { type: resource, id: bodyId }),
    resource,
    successStatus,
  };
}

const statusOf = (error: unknown) => (error instanceof HttpException ? error.getStatus() : 500);

/**
 * Gives each request its audit scope (who, from where), for AuditTrail.record and the
 * interceptor, and records the state-changing requests of staff that a guard turned away
 * (403: a role they lack) before any handler or interceptor saw them.
 */
@Injectable()
export class AuditScopeMiddleware implements NestMiddleware {
  private readonly logger = new Logger('AuditTrail');

  constructor(private readonly audit: AuditTrail) {}

  use(request: AuthenticatedRequest, response: Response, next: NextFunction) {
    const scope = new AuditScope(request);
    const correlationId = currentCorrelationId();
    response.on('finish', () => {
      if (
        scope.route === null &&
        !READS.has(request.method) &&
        request.staff !== undefined &&
        response.statusCode === 403 &&
        !isRecordedElsewhere(request)
      ) {
        const route = routeEntry(request, response.statusCode);
        const record = () =>
          this.audit
            .record(undefined, {
              action: route.action,
              outcome: 'DENIED',
              status: response.statusCode,
              caseNo: route.caseNo,
              target: route.target,
              actor: scope.actor,
              clientIp: scope.clientIp,
            })
            .catch((error: unknown) => {
              this.logger.error(`not recorded: ${route.action} 403 (${String(error)})`);
            });
        void (correlationId ? runWithCorrelationId(correlationId, record) : record());
      }
    });
    runInAuditScope(scope, next);
  }
}

/**
 * Records every state-changing request (any method but GET, HEAD, OPTIONS) that reaches its
 * handler: the route, the status, the case and target, the staff member and their address.
 * On success the entry is written in the request's first transaction (AuditTrail.beforeCommit),
 * or, when the handler committed none, right after it and before the answer. A refused or failed
 * request of staff is recorded with its status; one of the public (petitioners) only when it
 * succeeds, so that a flood of bad requests does not become a flood of entries.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const scope = currentAuditScope() ?? new AuditScope(request);
    const handler = context.getHandler();
    const skipped =
      READS.has(request.method) ||
      isRecordedElsewhere(request) ||
      this.reflector.getAllAndOverride<boolean | undefined>(AUDIT_SKIP, [
        handler,
        context.getClass(),
      ]) === true;
    if (skipped) return runInAuditScope(scope, () => next.handle());

    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler) ??
      (request.method === 'POST' ? 201 : 200);
    scope.route = routeEntry(request, successStatus);
    return runInAuditScope(scope, () => next.handle()).pipe(
      mergeMap(async (result: unknown) => {
        await this.succeeded(scope, result);
        return result;
      }),
      catchError((error: unknown) =>
        from(this.failed(scope, statusOf(error))).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  /** Unless a transaction of the request already committed the entry with its change. */
  private async succeeded(scope: AuditScope, result: unknown) {
    const route = scope.route;
    if (!route || scope.written) return;
    const id = idIn(result);
    await this.write(scope, {
      action: route.action,
      status: route.successStatus,
      caseNo: route.caseNo ?? caseNoIn(result),
      target: route.target ?? (id === null ? null : { type: route.resource, id }),
    });
  }

  private async failed(scope: AuditScope, status: number) {
    const route = scope.route;
    if (!route || scope.actor === null) return;
    await this.write(scope, {
      action: route.action,
      outcome: outcomeOf(status),
      status,
      caseNo: route.caseNo,
      target: route.target,
      // A transaction had committed part of it; what follows failed.
      ...(scope.written && { detail: { afterCommit: true } }),
    });
  }

  /**
   * What was done is done: a failure to record it is logged (ids only), not turned into an
   * error answer that would make the client repeat the action.
   */
  private async write(scope: AuditScope, entry: AuditEntry) {
    try {
      await this.audit.record(undefined, entry);
    } catch (error) {
      this.logger.error(
        `not recorded: ${entry.action} ${entry.status ?? ''} by ${scope.actor?.id ?? 'public'} (${String(error)})`,
      );
    }
  }
}
