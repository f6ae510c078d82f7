import { Injectable, type OnModuleInit } from '@nestjs/common';
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
import type { AppConfig } from '../config/config.schema.js';
import { QueueName } from '../contract/queues.js';
import type { StaffTokenClaims } from '../auth/staff-user.js';
import { boardAccessOf, isReadOnlyMethod } from './board-access.js';
import { loginPage } from './login-page.js';

export const BOARD_ROUTE = '/admin/queues';
const COOKIE = 'xinfang_board';
const AUDIENCE = 'xinfang-queue-board';
/** The board cookie's life: short, as it is a second way in. */
export const BOARD_SESSION_SECONDS = 30 * 60;

/** The board options shared by both boards. */
export const boardOptions = {
  uiConfig: {
    boardTitle: 'xinfang 信访',
    miscLinks: [{ text: 'Sign out', url: `${BOARD_ROUTE}/logout` }],
  },
};

/**
 * The door of the queue board. It lets in staff with the `admin` role to the full board and staff
 * with `supervisor` to a read-only twin of it (Bull Board's read-only mode hides and refuses retry,
 * clean and the rest; mutating requests are also refused here). Staff sign in with a bearer token
 * or the board's cookie, set by the sign-in page, by `POST /admin/queues/session` with a bearer
 * token, or by `?token=` once: HttpOnly, SameSite=Strict, 30 minutes, a token good for the board only.
 */
@Injectable()
export class QueueBoardGate implements OnModuleInit {
  private readOnlyBoard?: RequestHandler;
  private readonly secureCookie: boolean;

  constructor(
    private readonly jwt: JwtService,
    private readonly moduleRef: ModuleRef,
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
      const claims = await this.verify(this.bearer(req));
      if (!claims) {
        this.refuse(req, res, 401);
        return;
      }
      if (boardAccessOf(claims.roles) === 'none') {
        this.refuse(req, res, 403);
        return;
      }
      await this.setSession(res, claims);
      res.status(204).end();
      return;
    }
    const exchanged = url.searchParams.get('token');
    if (exchanged !== null && isReadOnlyMethod(req.method)) {
      const claims = await this.verify(exchanged);
      if (!claims || boardAccessOf(claims.roles) === 'none') {
        this.refuse(req, res, 401);
        return;
      }
      await this.setSession(res, claims);
      url.searchParams.delete('token');
      res.redirect(303, `${url.pathname}${url.search}`);
      return;
    }

    const claims =
      (await this.verify(this.bearer(req))) ??
      (await this.verify(this.cookie(req), { audience: AUDIENCE }));
    if (!claims) {
      this.refuse(req, res, 401);
      return;
    }
    const access = boardAccessOf(claims.roles);
    if (access === 'full') {
      next();
      return;
    }
    if (access === 'read-only' && isReadOnlyMethod(req.method) && this.readOnlyBoard) {
      this.readOnlyBoard(req, res, next);
      return;
    }
    this.refuse(req, res, 403);
  }

  private bearer(req: Request): string | undefined {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    return scheme === 'Bearer' ? token : undefined;
  }

  private cookie(req: Request): string | undefined {
    return parseCookies(req.headers.cookie ?? '')[COOKIE];
  }

  private async verify(
    token: string | undefined,
    options: { audience?: string } = {},
  ): Promise<StaffTokenClaims | undefined> {
    if (!token) return undefined;
    try {
      return await this.jwt.verifyAsync<StaffTokenClaims>(token, options);
    } catch {
      return undefined;
    }
  }

  private async setSession(res: Response, claims: StaffTokenClaims) {
    const { sub, username, unit, roles } = claims;
    const token = await this.jwt.signAsync(
      { sub, username, unit, roles },
      { audience: AUDIENCE, expiresIn: BOARD_SESSION_SECONDS },
    );
    res.cookie(COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secureCookie,
      path: BOARD_ROUTE,
      maxAge: BOARD_SESSION_SECONDS * 1000,
    });
  }

  /** A person at a browser is sent to sign in; a program gets the status in the API's shape. */
  private refuse(req: Request, res: Response, status: 401 | 403) {
    if (status === 401 && req.method === 'GET' && req.accepts(['json', 'html']) === 'html') {
      res.redirect(303, `${BOARD_ROUTE}/login`);
      return;
    }
    const messages =
      status === 401
        ? { zh: '请先登录', en: 'A valid staff token is required' }
        : { zh: '无权访问', en: 'Admins and supervisors only; supervisors read only' };
    const english = req.acceptsLanguages('zh', 'en') === 'en';
    res.status(status).json({
      statusCode: status,
      code: status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
      message: english ? messages.en : messages.zh,
      messages,
    });
  }
}
