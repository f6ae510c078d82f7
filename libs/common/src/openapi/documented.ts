import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { ZodType } from 'zod';
import { LegacyFieldsInterceptor, type LegacyFields } from '../http/legacy-fields.js';

export const API_REQUEST = Symbol('API_REQUEST');
export const API_LEGACY_FIELDS = Symbol('API_LEGACY_FIELDS');

/**
 * What a route reads that no zod pipe of its parameters says: a query a guard checks, a body a
 * service validates, the form field of an uploaded file. Read by the OpenAPI document only.
 */
export interface DocumentedRequest {
  /** The path parameters, as an object schema. */
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  /** The multipart field that carries the file. */
  uploadField?: string;
}

export const DocumentedRequest = (request: DocumentedRequest) => SetMetadata(API_REQUEST, request);

/**
 * Accepts the field names and places of earlier releases, turned into today's before the pipes
 * validate (so handlers and the API document know one name and one place), and says so in the
 * document.
 */
export const AcceptsLegacyFields = (legacy: LegacyFields) =>
  applyDecorators(
    SetMetadata(API_LEGACY_FIELDS, legacy),
    UseInterceptors(new LegacyFieldsInterceptor(legacy)),
  );
