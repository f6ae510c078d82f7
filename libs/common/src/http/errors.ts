import { HttpException, HttpStatus } from '@nestjs/common';

/** A message in both languages of the product; the response picks one by Accept-Language. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface FieldError {
  /** Path of the offending field, e.g. `petitioners[0].idNumber`. */
  field: string;
  /** The field as an office names it, in English and Chinese (`title 标题`). */
  label?: string;
  code: string;
  messages: Bilingual;
}

/** An error the client can act on. Rendered by ApiExceptionFilter. */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly messages: Bilingual,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(messages.en, status);
  }
}

export const validationFailed = (errors: FieldError[]) =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    { zh: '请求内容有误，请按提示修改', en: 'The request has invalid fields' },
    errors,
  );

export const unauthorized = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', {
    zh: '请先登录',
    en: 'A valid staff token is required',
  });

export const forbidden = () =>
  new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', {
    zh: '无权访问',
    en: 'You may not access this resource',
  });

export const notFound = (what: Bilingual) =>
  new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', {
    zh: `${what.zh}不存在`,
    en: `${what.en} not found`,
  });
