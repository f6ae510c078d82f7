import { RequestMethod, type Type } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { ModulesContainer } from '@nestjs/core';
import type { Module } from '@nestjs/core/injector/module.js';
import { z, ZodType } from 'zod';
import { IS_PUBLIC, REQUIRED_ROLES } from '../auth/decorators.js';
import type { Role } from '../contract/domain.js';
import type { ServiceSchema } from '../database/data-source.js';
import type { LegacyFields } from '../http/legacy-fields.js';
import { API_LEGACY_FIELDS, API_REQUEST, type DocumentedRequest } from './documented.js';

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect) as zod writes it. */
export type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  description?: string;
  deprecated?: boolean;
}

export interface Operation {
  operationId: string;
  tags: string[];
  description?: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
  security: Record<string, string[]>[];
  /** Roles of which the caller needs one; absent when any signed-in staff member may call. */
  'x-roles'?: Role[];
}

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

const SERVICE_DESCRIPTIONS: Record<ServiceSchema, string> = {
  intake:
    'Registers petitions: the public form and tracking, staff registration and the case view.',
  routing:
    'Staff sign-in, the unit directory, triage, the workbench, supervision, the audit trail.',
  notify: 'The staff inbox, duty rosters and urgent alerts, call-backs, the holiday calendar.',
};

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description:
    'Every error. `message` follows Accept-Language (Chinese by default); `errors` lists each bad field, labelled in both languages.',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    messages: { $ref: '#/components/schemas/Bilingual' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', examples: ['petitioners[0].idNumber'] },
          label: { type: 'string', examples: ['title 标题'] },
          code: { type: 'string' },
          messages: { $ref: '#/components/schemas/Bilingual' },
        },
        required: ['field', 'code', 'messages'],
      },
    },
  },
  required: ['statusCode', 'code', 'message', 'messages'],
};

const BILINGUAL_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
  required: ['zh', 'en'],
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/** The request side of a zod schema, as JSON Schema without its `$schema` line. */
export function requestSchema(schema: ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  });
  return rest as JsonSchema;
}

/** The zod schema a pipe validates with: a ZodValidationPipe, or an injectable pipe exposing one. */
function zodSchemaOf(pipes: unknown[] | undefined, module: Module): ZodType | undefined {
  for (const pipe of pipes ?? []) {
    const instance: unknown =
      typeof pipe === 'function' ? module.injectables.get(pipe as Type)?.instance : pipe;
    const schema: unknown =
      instance && typeof instance === 'object' ? Reflect.get(instance, 'schema') : undefined;
    if (schema instanceof ZodType) return schema;
  }
  return undefined;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** Express's `:caseNo` as OpenAPI's `{caseNo}`. */
export const openApiPath = (expressPath: string) =>
  expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  for (
    let p: object | null = prototype;
    p && p !== Object.prototype;
    p = Reflect.getPrototypeOf(p)
  ) {
    for (const name of Object.getOwnPropertyNames(p)) if (name !== 'constructor') names.add(name);
  }
  return [...names];
}

const asList = (value: unknown): string[] =>
  value === undefined ? [''] : Array.isArray(value) ? (value as string[]) : [value as string];

/** An object schema of the query string as one parameter a property. */
function queryParameters(schema: JsonSchema, legacy: LegacyFields | undefined): Parameter[] {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    const moved = legacy?.movedToQuery?.includes(name);
    return {
      name,
      in: 'query',
      required: (schema.required ?? []).includes(name),
      schema: rest,
      ...(typeof description === 'string' && { description }),
      ...(moved && { description: `Earlier clients sent it in the body; still accepted there.` }),
    };
  });
}

function legacyNote(legacy: LegacyFields | undefined): string | undefined {
  if (!legacy) return undefined;
  const notes = [
    ...Object.entries(legacy.renamed ?? {}).map(
      ([old, current]) => `the body field \`${old}\` for \`${current}\``,
    ),
    ...(legacy.movedToQuery ?? []).map(
      (field) => `\`${field}\` in the body rather than the query string`,
    ),
    ...Object.entries(legacy.renamedInQuery ?? {}).map(
      ([old, current]) => `the query parameter \`${old}\` for \`${current}\``,
    ),
  ];
  return `Deprecated, still accepted from earlier clients: ${notes.join('; ')}.`;
}

/** One route's operation, from its decorators and the zod schemas of its pipes. */
function operationOf(
  controller: Type,
  methodName: string,
  httpMethod: string,
  path: string,
  module: Module,
): Operation {
  const handler = (controller.prototype as Record<string, object>)[methodName] as object;
  const meta = (key: string | symbol): unknown =>
    Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
  const isPublic = meta(IS_PUBLIC) === true;
  const roles = meta(REQUIRED_ROLES) as Role[] | undefined;
  const documented = (meta(API_REQUEST) ?? {}) as DocumentedRequest;
  const legacy = meta(API_LEGACY_FIELDS) as LegacyFields | undefined;
  const args = Object.entries(
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<
      string,
      RouteArg
    >,
  ).map(([key, arg]) => ({ type: key.split(':')[0], ...arg }));
  const ofType = (type: RouteParamtypes) => args.filter((arg) => arg.type === String(type));

  const parameters: Parameter[] = [];
  // Path parameters: each named one of the pattern, with its pipe's schema when it has one.
  const wholeParams = ofType(RouteParamtypes.PARAM).find((arg) => arg.data === undefined);
  const wholeSchema = documented.params ?? (wholeParams && zodSchemaOf(wholeParams.pipes, module));
  const pathProperties = wholeSchema ? (requestSchema(wholeSchema).properties ?? {}) : {};
  for (const [, name = ''] of path.matchAll(/\{([^}]+)\}/g)) {
    const named = ofType(RouteParamtypes.PARAM).find((arg) => arg.data === name);
    const schema = named && zodSchemaOf(named.pipes, module);
    parameters.push({
      name,
      in: 'path',
      required: true,
      schema: schema ? requestSchema(schema) : (pathProperties[name] ?? { type: 'string' }),
    });
  }
  const querySchemas = [
    ...ofType(RouteParamtypes.QUERY).map((arg) => ({
      arg,
      schema: zodSchemaOf(arg.pipes, module),
    })),
    ...(documented.query ? [{ arg: undefined, schema: documented.query }] : []),
  ];
  for (const { arg, schema } of querySchemas) {
    if (typeof arg?.data === 'string') {
      // A single named query value (a callback's token): opaque pipes say nothing of its form.
      parameters.push({
        name: arg.data,
        in: 'query',
        required: true,
        schema: schema ? requestSchema(schema) : { type: 'string' },
      });
    } else if (schema) {
      for (const parameter of queryParameters(requestSchema(schema), legacy)) {
        if (!parameters.some((p) => p.in === 'query' && p.name === parameter.name)) {
          parameters.push(parameter);
        }
      }
    }
  }
  for (const arg of ofType(RouteParamtypes.HEADERS)) {
    // Authorization is the security scheme's, never a parameter (OpenAPI 3.1, 4.8.12.1).
    if (typeof arg.data !== 'string' || arg.data.toLowerCase() === 'authorization') continue;
    parameters.push({ name: arg.data, in: 'header', required: false, schema: { type: 'string' } });
  }

  let requestBody: Operation['requestBody'];
  const upload = ofType(RouteParamtypes.FILE).length > 0;
  if (upload) {
    const field = documented.uploadField;
    if (!field) {
      throw new Error(`${controller.name}.${methodName} takes a file: document its field name`);
    }
    requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              [field]: { type: 'string', contentMediaType: 'application/octet-stream' },
            },
            required: [field],
          },
        },
      },
    };
  } else {
    const bodyArg = ofType(RouteParamtypes.BODY)[0];
    const schema = documented.body ?? (bodyArg && zodSchemaOf(bodyArg.pipes, module));
    if (bodyArg || schema) {
      requestBody = {
        required: true,
        content: { 'application/json': { schema: schema ? requestSchema(schema) : {} } },
      };
    }
  }

  const success = String(
    (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (httpMethod === 'post' ? 201 : 200),
  );
  const responses: Operation['responses'] = {
    [success]: { description: success === '204' ? 'Done; no content' : 'Done' },
  };
  const validates =
    parameters.length > 0 || requestBody !== undefined || args.some((arg) => arg.pipes?.length);
  if (validates)
    responses['400'] = errorResponse('A field is missing or wrong; `errors` says which');
  if (!isPublic) {
    responses['401'] = errorResponse('No valid staff token');
    responses['403'] = errorResponse('The caller lacks the role or the scope');
  }
  if (parameters.some((p) => p.in === 'path')) responses['404'] = errorResponse('Not found');

  return {
    operationId: `${controller.name}.${methodName}`,
    tags: [controller.name.replace(/Controller$/, '')],
    ...(legacy && { description: legacyNote(legacy) }),
    parameters,
    ...(requestBody && { requestBody }),
    responses,
    security: isPublic ? [] : [{ staffToken: [] }],
    ...(!isPublic && roles && { 'x-roles': roles }),
  };
}

/**
 * The OpenAPI 3.1 document of one service, read from its controllers: every route Nest
 * registers, its parameters and bodies from the zod schemas its pipes validate with (the one
 * definition of each request), who may call it, and the error shape.
 */
export function buildOpenApiDocument(
  modules: ModulesContainer,
  service: ServiceSchema,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const methodName of methodNames(controller.prototype as object)) {
          const handler = (controller.prototype as Record<string, unknown>)[methodName];
          if (typeof handler !== 'function') continue;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
          if (method === undefined) continue;
          if (method === RequestMethod.ALL) {
            throw new Error(`${controller.name}.${methodName}: document each method, not ALL`);
          }
          const httpMethod = RequestMethod[method].toLowerCase();
          for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = openApiPath(joinPath(base, sub));
            paths[path] ??= {};
            paths[path][httpMethod] = operationOf(controller, methodName, httpMethod, path, module);
          }
        }
      }
    }
  }
  return {
    openapi: '3.1.1',
    info: {
      title: `xinfang ${service}`,
      version: 'v1',
      description: `${SERVICE_DESCRIPTIONS[service]} Staff send the access token from POST /api/v1/auth/login (routing) as a bearer token; \`x-roles\` lists the roles of which a caller needs one.`,
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: { Error: ERROR_SCHEMA, Bilingual: BILINGUAL_SCHEMA },
      securitySchemes: {
        staffToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The access token of POST /api/v1/auth/login on routing',
        },
      },
    },
  };
}
