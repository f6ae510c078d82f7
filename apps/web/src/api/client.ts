/** Both languages of a message, as every service gives them. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface ApiFieldError {
  /** The request field, e.g. `petitioners[0].phone`. */
  field: string;
  code: string;
  messages: Bilingual;
}

/**
 * A refused request: the service's own code and messages, NETWORK when none answered, or
 * TIMEOUT when none answered in time.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Bilingual | null,
    readonly errors: ApiFieldError[] = [],
  ) {
    super(messages?.en ?? code);
  }
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** How long to wait for the answer (REQUEST_TIMEOUT_MS unless given). */
  timeoutMs?: number;
}

/**
 * A page never waits for ever: a request that hangs (a service stuck, a connection dropped on
 * the way) ends with a message and the button comes back, so the step can be tried again.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

interface ErrorBody {
  code?: string;
  messages?: Bilingual;
  errors?: ApiFieldError[];
}

/** One call to the services' public HTTP API, on this origin (the gateway routes /api/...). */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      // Nothing of a case goes to other origins, not even as a referrer.
      referrerPolicy: 'no-referrer',
      credentials: 'omit',
      signal: AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
  } catch (failure) {
    throw new ApiError(0, isTimeout(failure) ? 'TIMEOUT' : 'NETWORK', null);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (failure) {
    throw new ApiError(0, isTimeout(failure) ? 'TIMEOUT' : 'NETWORK', null);
  }
  const data: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const body = (data ?? {}) as ErrorBody;
    throw new ApiError(
      response.status,
      body.code ?? `HTTP_${response.status}`,
      body.messages ?? null,
      body.errors ?? [],
    );
  }
  return data as T;
}

function isTimeout(failure: unknown): boolean {
  return failure instanceof DOMException && failure.name === 'TimeoutError';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `petitioners[0].phone` as an antd form field name: ['petitioners', 0, 'phone']. */
export function formFieldName(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
