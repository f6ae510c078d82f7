import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { isInfrastructureFailure } from '../messaging/redrivable-failures.js';
import { RateLimited } from './edge-limits.js';
import { ApiError, type Bilingual, type FieldError } from './errors.js';

const MALFORMED: Bilingual = { zh: '请求格式有误', en: 'Malformed request' };
const GENERIC: Partial<Record<number, Bilingual>> = {
  [HttpStatus.BAD_REQUEST]: MALFORMED,
  [HttpStatus.NOT_FOUND]: { zh: '请求的地址不存在', en: 'No such endpoint' },
  [HttpStatus.PAYLOAD_TOO_LARGE]: { zh: '请求内容过大', en: 'Request body too large' },
  [HttpStatus.TOO_MANY_REQUESTS]: { zh: '请求过于频繁', en: 'Too many requests' },
  [HttpStatus.SERVICE_UNAVAILABLE]: { zh: '服务暂不可用', en: 'Service unavailable' },
};
const INTERNAL: Bilingual = { zh: '服务器内部错误，请稍后再试', en: 'Internal server error' };
const OUTAGE: Bilingual = {
  zh: '系统暂时无法办理，本次请求未被受理，请稍后重试',
  en: 'The system cannot take requests just now; this one was not taken, please try again shortly',
};
/** When a client may try again after an outage of PostgreSQL or Redis. */
const OUTAGE_RETRY_SECONDS = 5;

/**
 * Renders every error in one shape: `{statusCode, code, message, messages: {zh, en}, errors}`,
 * `message` in the caller's language (Accept-Language; Chinese by default).
 * An outage of PostgreSQL or Redis is a 503 with Retry-After; other unexpected errors become a
 * 500 without details. Both are logged by type and message only.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const english = request.acceptsLanguages('zh', 'en') === 'en';
    const { status, code, messages, errors, details } = this.describe(exception);
    if (exception instanceof RateLimited) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (code === 'UNAVAILABLE') {
      response.setHeader('Retry-After', String(OUTAGE_RETRY_SECONDS));
    }
    response.status(status).json({
      statusCode: status,
      code,
      message: english ? messages.en : messages.zh,
      messages,
      ...(errors.length > 0 && {
        errors: errors.map((e) => ({ ...e, message: english ? e.messages.en : e.messages.zh })),
      }),
      ...(details && { details }),
    });
  }

  private describe(exception: unknown): {
    status: number;
    code: string;
    messages: Bilingual;
    errors: FieldError[];
    details?: object;
  } {
    if (exception instanceof ApiError) {
      return {
        status: exception.getStatus(),
        code: exception.code,
        messages: exception.messages,
        errors: exception.fieldErrors,
      };
    }
    if (exception instanceof HttpException) {
      // Nest's own (404 route, 503 from a failing readiness check…): keep the status.
      const status = exception.getStatus();
      const messages = GENERIC[status] ?? { zh: exception.message, en: exception.message };
      const response = exception.getResponse();
      const details = status === 503 && typeof response === 'object' ? response : undefined;
      return { status, code: HttpStatus[status] ?? 'ERROR', messages, errors: [], details };
    }
    // body-parser errors carry their status (malformed JSON: 400, too large: 413).
    const status = (exception as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const messages = GENERIC[status] ?? MALFORMED;
      return { status, code: HttpStatus[status] ?? 'BAD_REQUEST', messages, errors: [] };
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    // The database or Redis is away (a restart, a failover): the transaction did not commit, so
    // the request was not taken and may be sent again. Not a fault of the request nor a bug.
    if (isInfrastructureFailure(error)) {
      this.logger.warn(`outage: ${error.name}: ${error.message}`);
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'UNAVAILABLE',
        messages: OUTAGE,
        errors: [],
      };
    }
    this.logger.error(`${error.name}: ${error.message}`, error.stack);
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL',
      messages: INTERNAL,
      errors: [],
    };
  }
}
