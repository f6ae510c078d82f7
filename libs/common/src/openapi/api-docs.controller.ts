import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { Public } from '../auth/decorators.js';
import type { ServiceSchema } from '../database/data-source.js';
import { renderApiPage } from './api-page.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';

export const API_SERVICE = Symbol('API_SERVICE');

/**
 * The service's API reference, public: it is read from the code (paths, request schemas, roles),
 * never from the configuration, so it holds no secret.
 */
@Public()
@Controller('api/docs')
export class ApiDocsController {
  private document?: OpenApiDocument;

  constructor(
    private readonly modules: ModulesContainer,
    @Inject(API_SERVICE) private readonly service: ServiceSchema,
  ) {}

  @Get('openapi.json')
  openApi(): OpenApiDocument {
    // Built on first use: every module's controllers are registered by then.
    this.document ??= buildOpenApiDocument(this.modules, this.service);
    return this.document;
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  page(): string {
    return renderApiPage(this.openApi());
  }
}
