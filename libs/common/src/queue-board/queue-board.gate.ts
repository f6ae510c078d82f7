import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { getQueueToken } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditActions, type AuditOutcome } from '../audit/audit-entry.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { AccountCheck } from '../auth/account-check.js';
import { staffScope, type StaffScope } from '../auth/staff-scope.js';
import {
  bearerToken,
  staffClaims,
  TokenAudience,
  type StaffTokenClaims,
} from '../auth/staff-user.js';
import type { AppConfig } from '../config/config.schema.js';
import { QueueName } from '../contract/queues.js';
import { boardAccessOf, isReadOnlyMethod } from './board-access.js';
import { jobsInScope } from './job-scope.js';
import { loginPage } from './login-page.js';

export const BOARD_ROUTE = '/admin/queues';
const COOKIE = 'xinfang_board';
/** Board API paths under a queue that are about the queue, not one job. */
const QUEUE_LEVEL = new Set([
  'metrics',
  'default-job-options',
  'workers',
  'rate-limit',
  'job-data-schema',
]);
/** Board API paths that act on a whole queue (the rest under a queue name a job). */
const QUEUE_VERBS = new Set([
  ...QUEUE_LEVEL,
  'add',
  'retry',
  'promote',
  'clean',
  'pause',
  'resume',
  'concurrency',
  'empty',
  'obliterate',
  'job-schedulers',
]);
/** The board cookie's life: short, as it is a second way in. */
export const BOARD_SESSION_SECONDS = 30 * 60;

/** The board options shared by both boards. */
export const boardOptions = {
  uiConfig: {
    boardTitle: 'xinfang 信访',
    miscLinks: [{ text: 'Sign out', url: `${BOARD_ROUTE}/logout` }],
  },
};

/** A path segment decoded, or as sent when its escapes are broken (`%E0%A4%A`). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A board API path as an audit entry: the queue or job it changes, and what it does. */
function boardAction(path: string) {
  const [, queue, rest] = /^\/api\/queues\/([^/]+)(?:\/(.*))?$/.exec(path) ?? [];
  const segments = (rest ?? '').split('/').filter(Boolean).map(decoded);
  const first = segments[0];
  const job = first === undefined || QUEUE_VERBS.has(first) ? undefined : first;
  const verbs = job === undefined ? segments : segments.slice(1);
  return {
    action: AuditActions.QueueBoardAction,
    target:
      queue === undefined
        ? null
        : job === undefined
          ? { type: 'queue', id: decoded(queue).slice(0, 200) }
          : // Cut to what an entry holds: a longer one failed the record and made a 500 (fuzz:api).
            { type: 'job', id: `${decoded(queue)}/${job}`.slice(0, 200) },
    detail: { operation: verbs.join('/').slice(0, 80) || path.slice(0, 80) },
  };
}

/**
 * The door of the queue board. It lets in staff with the `admin` role to the full board and staff
 * with `supervisor` to a read-only twin of it (Bull Board's read-only mode hides and refuses retry,
 * clean and the rest; mutating requests are also refused here) that lists only the jobs within
 * their scope (their unit and the units under it; a petition bureau's territory). Staff sign in
 * with an API bearer token or the board's cookie, set by the sign-in page, by
 * `POST /admin/queues/session` with an API token, or by `?token=` once: HttpOnly,
 * SameSite=Strict, 30 minutes, a `board` token that no API accepts and that cannot be exchanged
 * for another (only an API token, which only a sign-in gives, can). Every token is checked
 * against its account, as the API guard does.
 */
@Injectable()
export class QueueBoardGate implements OnModuleInit {
  private readOnlyBoard?: RequestHandler;
  private readonly secureCookie: boolean;
  private readonly logger = new Logger('QueueBoard');

  constructor(
    private readonly jwt: JwtService,
    private readonly moduleRef: ModuleRef,
    private readonly accounts: AccountCheck,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    config: ConfigService<AppConfig, true>,
  ) {
    // Browsers accept Secure cookies on https and on http://localhost only.
    this.secureCookie = config.get('NODE_ENV', { infer: true }) === 'production';
  }

  onModuleInit() {
    const serverAdapter = new ExpressAdapter().setBasePath(BOARD_ROUTE);
    createBullBoard({
      queues: Object.values(QueueName).map(
        (name) =>
          new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }), {
            readOnlyMode: true,
          }),
      ),
      serverAdapter,
      options: boardOptions,
    });
    this.readOnlyBoard = serverAdapter.getRouter() as RequestHandler;
  }

  /** Express middleware in front of the full board. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    this.route(req, res, next).catch(next);
  };

  private async route(req: Request, res: Response, next: NextFunction) {
    const url = new URL(req.originalUrl, 'http://board');
    const path = url.pathname.slice(BOARD_ROUTE.length) || '/';
    if (path === '/login' && isReadOnlyMethod(req.method)) {
      res.type('html').send(loginPage(BOARD_ROUTE));
      return;
    }
    if (path === '/logout') {
      res.clearCookie(COOKIE, { path: BOARD_ROUTE });
      res.redirect(303, `${BOARD_ROUTE}/login`);
      return;
    }
    if (path === '/session' && req.method === 'POST') {
      const claims = await this.verify(this.bearer(req), TokenAudience.Api);
      if (!claims) {
        this.refuse(req, res, 401);
        return;
      }
      if (boardAccessOf(claims.roles) === 'none') {
        this.refuse(req, res, 403);
        return;
      }
      await this.setSession(res, claims);
      await this.record(req, claims, { action: AuditActions.QueueBoardSession, status: 204 });
      res.status(204).end();
      return;
    }
    const exchanged = url.searchParams.get('token');
    if (exchanged !== null && isReadOnlyMethod(req.method)) {
      const claims = await this.verify(exchanged, TokenAudience.Api);
      if (!claims || boardAccessOf(claims.roles) === 'none') {
        this.refuse(req, res, 401);
        return;
      }
      await this.setSession(res, claims);
      await this.record(req, claims, { action: AuditActions.QueueBoardSession, status: 303 });
      url.searchParams.delete('token');
      res.redirect(303, `${url.pathname}${url.search}`);
      return;
    }

    const claims =
      (await this.verify(this.bearer(req), TokenAudience.Api)) ??
      (await this.verify(this.cookie(req), TokenAudience.Board));
    if (!claims) {
      this.refuse(req, res, 401);
      return;
    }
    const access = boardAccessOf(claims.roles);
    const changes = !isReadOnlyMethod(req.method);
    if (access === 'full') {
      if (changes) this.recordWhenAnswered(req, res, claims, path);
      next();
      return;
    }
    if (access === 'read-only' && !changes && this.readOnlyBoard) {
      await this.scoped(claims, path, req, res, next, this.readOnlyBoard);
      return;
    }
    if (changes) {
      await this.record(req, claims, { ...boardAction(path), outcome: 'DENIED', status: 403 });
    }
    this.refuse(req, res, 403);
  }

  /**
   * Bull Board's own routes change the queues outside Nest's handlers, so the audit interceptor
   * never sees them: the gate records each with the status it got.
   */
  private recordWhenAnswered(req: Request, res: Response, claims: StaffTokenClaims, path: string) {
    res.on('finish', () => {
      const status = res.statusCode;
      const outcome: AuditOutcome = status < 400 ? 'SUCCESS' : status < 500 ? 'DENIED' : 'FAILURE';
      this.record(req, claims, { ...boardAction(path), outcome, status }).catch(
        (error: unknown) => {
          this.logger.error(`not recorded: board ${req.method} ${status} (${String(error)})`);
        },
      );
    });
  }

  private record(
    req: Request,
    claims: StaffTokenClaims,
    entry: {
      action: string;
      outcome?: AuditOutcome;
      status: number;
      target?: { type: string; id: string } | null;
      detail?: Record<string, string>;
    },
  ): Promise<void> {
    return this.audit.record(undefined, {
      ...entry,
      detail: { method: req.method, ...entry.detail },
      actor: { id: claims.sub, username: claims.username, unitCode: claims.unit },
      clientIp: req.ip ?? null,
    });
  }

  /**
   * The read-only board, limited to the jobs within the supervisor's scope: a job outside it
   * is answered 404, and job lists leave such jobs out (queue counts stay whole).
   */
  private async scoped(
    claims: StaffTokenClaims,
    path: string,
    req: Request,
    res: Response,
    next: NextFunction,
    board: RequestHandler,
  ) {
    const scope = await staffScope(this.dataSource, {
      id: claims.sub,
      username: claims.username,
      unitCode: claims.unit,
      roles: claims.roles,
    });
    const jobPath = /^\/api\/queues\/([^/]+)\/([^/]+)(?:\/(?:logs|flow))?$/.exec(path);
    if (jobPath?.[1] && jobPath[2] && !QUEUE_LEVEL.has(jobPath[2])) {
      const queue = this.queue(decoded(jobPath[1]));
      const job = queue && (await queue.getJob(decoded(jobPath[2])));
      if (job && !(await jobsInScope(this.dataSource, scope, [job]))[0]) {
        this.refuse(req, res, 404);
        return;
      }
    }
    if (path === '/api/queues') {
      const send = res.json.bind(res);
      res.json = ((body: unknown) => {
        this.withinScope(body, scope).then(send, next);
        return res;
      }) as Response['json'];
    }
    board(req, res, next);
  }

  private async withinScope(body: unknown, scope: StaffScope): Promise<unknown> {
    const queues = (body as { queues?: { jobs?: { data?: unknown }[] }[] } | null)?.queues;
    if (!Array.isArray(queues)) return body;
    for (const queue of queues) {
      if (!Array.isArray(queue.jobs)) continue;
      const jobs = queue.jobs;
      const inScope = await jobsInScope(this.dataSource, scope, jobs);
      queue.jobs = jobs.filter((_, i) => inScope[i]);
    }
    return body;
  }

  private queue(name: string): Queue | undefined {
    if (!(Object.values(QueueName) as string[]).includes(name)) return undefined;
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  private bearer(req: Request): string | undefined {
    return bearerToken(req.headers.authorization);
  }

  private cookie(req: Request): string | undefined {
    return parseCookies(req.headers.cookie ?? '')[COOKIE];
  }

  /** The claims of a valid token for this audience whose account has not changed since. */
  private async verify(
    token: string | undefined,
    audience: TokenAudience,
  ): Promise<StaffTokenClaims | undefined> {
    if (!token) return undefined;
    let claims: StaffTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<StaffTokenClaims>(token, { audience });
    } catch {
      return undefined;
    }
    return (await this.accounts.isCurrent(claims)) ? claims : undefined;
  }

  private async setSession(res: Response, claims: StaffTokenClaims) {
    const token = await this.jwt.signAsync(staffClaims(claims), {
      audience: TokenAudience.Board,
      expiresIn: BOARD_SESSION_SECONDS,
    });
    res.cookie(COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secureCookie,
      path: BOARD_ROUTE,
      maxAge: BOARD_SESSION_SECONDS * 1000,
    });
  }

  /** A person at a browser is sent to sign in; a program gets the status in the API's shape. */
  private refuse(req: Request, res: Response, status: 401 | 403 | 404) {
    if (status === 401 && req.method === 'GET' && req.accepts(['json', 'html']) === 'html') {
      res.redirect(303, `${BOARD_ROUTE}/login`);
      return;
    }
    const messages = {
      401: { zh: '请先登录', en: 'A valid staff token is required' },
      403: { zh: '无权访问', en: 'Admins and supervisors only; supervisors read only' },
      404: { zh: '任务不存在', en: 'Job not found' },
    }[status];
    const english = req.acceptsLanguages('zh', 'en') === 'en';
    res.status(status).json({
      statusCode: status,
      code: { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }[status],
      message: english ? messages.en : messages.zh,
      messages,
    });
  }
}
