import { ApiError, apiRequest } from '../api/client';
import type { StaffTokens } from '../api/types';

/** The staff sign-in: the only thing the pages keep in browser storage (this tab's session). */
interface Session {
  accessToken: string;
  refreshToken: string;
  /** When the access token ends, in ms since the epoch. */
  accessEndsAt: number;
}

const STORAGE_KEY = 'xinfang.staff-session';
// Renew a little before the access token ends, so a request is not sent with a dying one.
const RENEW_BEFORE_MS = 30_000;

/** The sign-in ended (logged out, or its refresh token expired or was refused). */
export class SessionEnded extends Error {}

const listeners = new Set<() => void>();
let cached: string | null = sessionStorage.getItem(STORAGE_KEY);
let renewing: Promise<Session> | null = null;
let endedByExpiry = false;

function store(session: Session | null) {
  cached = session && JSON.stringify(session);
  if (cached) sessionStorage.setItem(STORAGE_KEY, cached);
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

function sessionOf(tokens: StaffTokens): Session {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessEndsAt: Date.now() + tokens.expiresIn * 1000,
  };
}

export function subscribeSession(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A snapshot for useSyncExternalStore: whether someone is signed in in this tab. */
export function signedIn(): boolean {
  return cached !== null;
}

/** Whether the last sign-in ended by expiring (to say so on the login page). */
export function endedByExpiryNotice(): boolean {
  return endedByExpiry;
}

export async function login(username: string, password: string): Promise<void> {
  const tokens = await apiRequest<StaffTokens>('POST', '/api/v1/auth/login', {
    body: { username, password },
  });
  endedByExpiry = false;
  store(sessionOf(tokens));
}

export async function logout(): Promise<void> {
  const session = current();
  store(null);
  if (session) {
    await apiRequest('POST', '/api/v1/auth/logout', {
      body: { refreshToken: session.refreshToken },
    }).catch(() => undefined);
  }
}

function current(): Session | null {
  return cached ? (JSON.parse(cached) as Session) : null;
}

/** One renewal at a time: a refresh token is good for one use. */
function renew(session: Session): Promise<Session> {
  renewing ??= apiRequest<StaffTokens>('POST', '/api/v1/auth/refresh', {
    body: { refreshToken: session.refreshToken },
  })
    .then((tokens) => {
      const renewed = sessionOf(tokens);
      store(renewed);
      return renewed;
    })
    .catch((error: unknown) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        endedByExpiry = true;
        store(null);
        throw new SessionEnded();
      }
      throw error;
    })
    .finally(() => {
      renewing = null;
    });
  return renewing;
}

/** A call as the signed-in staff member, renewing the access token when it has ended. */
export async function staffCall<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  let session = current();
  if (!session) throw new SessionEnded();
  if (session.accessEndsAt - RENEW_BEFORE_MS < Date.now()) session = await renew(session);
  try {
    return await apiRequest<T>(method, path, { body, headers, token: session.accessToken });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const renewed = await renew(session);
    return apiRequest<T>(method, path, { body, headers, token: renewed.accessToken });
  }
}
