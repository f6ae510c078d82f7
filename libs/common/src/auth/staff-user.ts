import type { Role } from '../contract/domain.js';

/** What a staff token says about its holder. */
export interface StaffUser {
  id: string;
  username: string;
  unitCode: string;
  roles: Role[];
  /** The sign-in (refresh token family) the token belongs to, when it has one. */
  sessionId?: string;
}

/**
 * Who a token is for: `api` tokens (from login and refresh) call the services; `board` tokens
 * are the queue board's cookie. Neither is accepted in the other's place.
 */
export const TokenAudience = { Api: 'api', Board: 'board' } as const;
export type TokenAudience = (typeof TokenAudience)[keyof typeof TokenAudience];

export interface StaffTokenClaims {
  sub: string;
  username: string;
  unit: string;
  roles: Role[];
  /** The account's version when the token was issued: any change of the account ends it. */
  ver: number;
  /** The sign-in it belongs to (the refresh token family): logging out ends it. */
  sid: string;
  aud?: string | string[];
}

/** The claims a token is signed with, from what a verified token said. */
export const staffClaims = (claims: StaffTokenClaims): StaffTokenClaims => ({
  sub: claims.sub,
  username: claims.username,
  unit: claims.unit,
  roles: claims.roles,
  ver: claims.ver,
  sid: claims.sid,
});

/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750's token68, one and only one),
 * or undefined: `Bearer a b`, a lower-case scheme or stray spaces are no token.
 */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(header ?? '')?.[1];
}
