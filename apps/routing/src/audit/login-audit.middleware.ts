import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import {
  AuditActions,
  AuditTrail,
  currentCorrelationId,
  markRecordedElsewhere,
  runWithCorrelationId,
  wellFormedText,
  type AuditOutcome,
} from '#common';
import { StaffAccountRepository } from '../staff/staff-account.repository.js';

/** The routes a sign-in attempt goes to (mounted by RoutingAuditModule). */
export const LOGIN_ROUTES = ['api/v1/auth/login'];

/** 2xx signed in; a refusal of the lockout or throttle (429, 423, 403) DENIED; the rest FAILURE. */
export function loginOutcome(status: number): AuditOutcome {
  if (status < 400) return 'SUCCESS';
  return status === 429 || status === 423 || status === 403 ? 'DENIED' : 'FAILURE';
}

/**
 * Records every sign-in attempt (`auth.login`) once its answer is sent, whatever answered it:
 * the controller, a lockout or throttling guard, a validation pipe. The account is looked up by
 * the username tried, so a failed attempt on a real account carries its id and unit (and shows
 * in its unit's supervisors' search); an unknown username is kept as typed (at most 64
 * characters), never the password. Only the username field of the body is read, so the login's
 * implementation may change freely.
 */
@Injectable()
export class LoginAudit implements NestMiddleware {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly audit: AuditTrail,
    private readonly dataSource: DataSource,
  ) {}

  use(request: Request, response: Response, next: NextFunction) {
    if (request.method !== 'POST') {
      next();
      return;
    }
    markRecordedElsewhere(request);
    const correlationId = currentCorrelationId();
    const clientIp = request.ip ?? request.socket.remoteAddress ?? null;
    response.on('finish', () => {
      const record = () =>
        this.record(request.body, response.statusCode, clientIp).catch((error: unknown) => {
          this.logger.error(`sign-in not recorded (${String(error)})`);
        });
      void (correlationId ? runWithCorrelationId(correlationId, record) : record());
    });
    next();
  }

  private async record(body: unknown, status: number, clientIp: string | null) {
    const tried =
      body !== null && typeof body === 'object'
        ? (body as Record<string, unknown>)['username']
        : undefined;
    // As typed, but storable: a NUL made the lookup fail and the attempt went unrecorded.
    const username =
      typeof tried === 'string' ? wellFormedText(tried.trim().slice(0, 64)) || null : null;
    const account = username
      ? await new StaffAccountRepository(this.dataSource.manager).idAndUnitOf(username)
      : undefined;
    await this.audit.record(undefined, {
      action: AuditActions.Login,
      outcome: loginOutcome(status),
      status,
      actor: { id: account?.id ?? null, username, unitCode: account?.unit_code ?? null },
      clientIp,
      target: account ? { type: 'account', id: account.id } : null,
    });
  }
}
