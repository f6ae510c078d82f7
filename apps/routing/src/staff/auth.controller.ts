import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public, ZodValidationPipe } from '#common';
import {
  loginSchema,
  passwordChangeSchema,
  refreshSchema,
  type Login,
  type PasswordChange,
  type Refresh,
} from './auth.schemas.js';
import { StaffSessions } from './staff-sessions.service.js';
import { LockedOut, StaffSignIn } from './staff-sign-in.service.js';

const clientIp = (request: Request) => request.ip ?? request.socket.remoteAddress ?? 'unknown';

/**
 * Staff sign-in. Tokens are for all three services: a short access token and a one-use refresh
 * token that renews it until the sign-in ends (REFRESH_TOKEN_TTL_SECONDS after the login).
 */
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly signIn: StaffSignIn,
    private readonly sessions: StaffSessions,
  ) {}

  /** Throttled per username and per client IP; a lockout answers 429 with Retry-After. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodValidationPipe(loginSchema)) body: Login,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.retryAfter(response, () =>
      this.signIn.login(body.username, body.password, clientIp(request)),
    );
  }

  /** A new pair for a refresh token; the one presented is used up. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body(new ZodValidationPipe(refreshSchema)) body: Refresh) {
    return this.sessions.refresh(body.refreshToken);
  }

  /** Ends the sign-in of the refresh token: its refresh tokens and its access tokens. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body(new ZodValidationPipe(refreshSchema)) body: Refresh) {
    await this.sessions.logout(body.refreshToken);
  }

  /**
   * Changes a password with the current one: the one-time password after a reset (sign-in
   * answers PASSWORD_CHANGE_REQUIRED until then), or any time. Throttled like login.
   */
  @Public()
  @Post('password')
  @HttpCode(200)
  async changePassword(
    @Body(new ZodValidationPipe(passwordChangeSchema)) body: PasswordChange,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.retryAfter(response, () =>
      this.signIn.changePassword(
        body.username,
        body.currentPassword,
        body.newPassword,
        clientIp(request),
      ),
    );
  }

  private async retryAfter<T>(response: Response, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof LockedOut) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
  }
}
