import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '../contract/domain.js';
import { forbidden, unauthorized } from '../http/errors.js';
import { AccountCheck, signInEnded } from './account-check.js';
import { IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './decorators.js';
import { bearerToken, TokenAudience, type StaffTokenClaims } from './staff-user.js';

/**
 * Global guard: a route needs a valid API token unless it is marked @Public(). The token must
 * be for the API (not the queue board's), and its account unchanged since it was issued.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly accounts: AccountCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized();
    let claims: StaffTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<StaffTokenClaims>(token, {
        audience: TokenAudience.Api,
      });
    } catch {
      throw unauthorized();
    }
    if (!(await this.accounts.isCurrent(claims))) throw signInEnded();
    request.staff = {
      id: claims.sub,
      username: claims.username,
      unitCode: claims.unit,
      roles: claims.roles,
      sessionId: claims.sid,
    };

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !required.some((role) => claims.roles.includes(role))) throw forbidden();
    return true;
  }
}
