import type { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { z, type ZodType } from 'zod';
import { IS_PUBLIC, REQUIRED_ROLES, ZodValidationPipe, type Role } from '#common';

export type ServiceName = 'intake' | 'routing' | 'notify';

/** A JSON Schema as zod writes it, reduced to what the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
}

/** One route as the running application serves it. */
export interface DiscoveredRoute {
  service: ServiceName;
  method: string;
  /** Express pattern, e.g. `/api/v1/petitions/:caseNo`. */
  path: string;
  /** `Controller.method` for Nest routes; `board` for the queue board's own router. */
  handler: string;
  public: boolean;
  /** Roles of which the caller needs one; null when any signed-in staff may call it. */
  roles: Role[] | null;
  /** The body's schema when a zod pipe validates it; null for no body or an opaque pipe. */
  body: JsonSchema | null;
  /** Whether it reads a body at all (a @Body parameter or an uploaded file). */
  takesBody: boolean;
  upload: boolean;
  query: JsonSchema | null;
  board: boolean;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: { name: string }[] };
  handle?: { stack?: Layer[]; router?: { stack?: Layer[] } };
}

interface ArgMetadata {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

function jsonSchemaOf(pipes: unknown[] | undefined): JsonSchema | null {
  for (const pipe of pipes ?? []) {
    if (!(pipe instanceof ZodValidationPipe)) continue;
    try {
      return z.toJSONSchema(pipe.schema as ZodType, {
        unrepresentable: 'any',
        io: 'input',
      }) as JsonSchema;
    } catch {
      return {};
    }
  }
  return null;
}

function routesOf(stack: Layer[]): { path: string; method: string; name: string }[] {
  const found: { path: string; method: string; name: string }[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const handler of layer.route.stack) {
        const method = (handler as { method?: string }).method;
        if (method) for (const path of paths) found.push({ path, method, name: handler.name });
      }
    }
    const nested = layer.handle?.stack ?? layer.handle?.router?.stack;
    if (nested) found.push(...routesOf(nested));
  }
  return found;
}

/** The controllers' classes by name, with their handlers' metadata. */
function controllersOf(app: INestApplication): Map<string, Type> {
  const classes = new Map<string, Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const metatype = wrapper.metatype as Type | null;
      if (metatype) classes.set(metatype.name, metatype);
    }
  }
  return classes;
}

/**
 * The routes an initialised application serves, read from its Express router (so nothing
 * registered is missed) and described from the Nest metadata of each handler: public or not,
 * the roles it needs, and the zod schemas of its body and query.
 */
export function discoverRoutes(app: INestApplication, service: ServiceName): DiscoveredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const controllers = controllersOf(app);
  const routes: DiscoveredRoute[] = [];
  for (const { path, method, name } of routesOf(express.router.stack)) {
    const [className, methodName] = name.split('.');
    const controller = className ? controllers.get(className) : undefined;
    // Middleware registered for paths (the audit scope, the sign-in audit) is not a route.
    if (!controller || !methodName) continue;
    const handler = (controller.prototype as Record<string, unknown>)[methodName] as object;
    const targets = [handler, controller];
    const isPublic = targets.some((t) => Reflect.getMetadata(IS_PUBLIC, t) === true);
    const roles = (Reflect.getMetadata(REQUIRED_ROLES, handler) ??
      Reflect.getMetadata(REQUIRED_ROLES, controller) ??
      null) as Role[] | null;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<
      string,
      ArgMetadata
    >;
    const arg = (type: RouteParamtypes) =>
      Object.entries(args).find(([key]) => key.startsWith(`${type}:`))?.[1];
    const bodyArg = arg(RouteParamtypes.BODY);
    const upload = arg(RouteParamtypes.FILE) !== undefined;
    routes.push({
      service,
      method: method.toUpperCase(),
      path,
      handler: name,
      public: isPublic,
      roles,
      body: bodyArg ? jsonSchemaOf(bodyArg.pipes) : null,
      takesBody: bodyArg !== undefined || upload,
      upload,
      query: jsonSchemaOf(arg(RouteParamtypes.QUERY)?.pipes),
      board: false,
    });
  }
  return routes;
}

/** The queue board's own routes (Bull Board's Express router), under its mount point. */
export function discoverBoardRoutes(app: INestApplication, base: string): DiscoveredRoute[] {
  let adapter: { getRouter(): { router: { stack: Layer[] } } };
  try {
    adapter = app.get('bull_board_adapter', { strict: false });
  } catch {
    return [];
  }
  return routesOf(adapter.getRouter().router.stack).map(({ path, method }) => ({
    service: 'routing',
    method: method.toUpperCase(),
    path: `${base}${path === '/' ? '' : path}`,
    handler: 'board',
    public: false,
    roles: ['admin', 'supervisor'],
    body: null,
    takesBody: !['GET', 'HEAD'].includes(method.toUpperCase()),
    upload: false,
    query: null,
    board: true,
  }));
}

/** Starts a service's application in this process without listening, and lists its routes. */
export async function listServiceRoutes(
  service: ServiceName,
  module: Type,
  boardRoute?: string,
): Promise<DiscoveredRoute[]> {
  const app = await NestFactory.create(module, { logger: false });
  try {
    await app.init();
    return [
      ...discoverRoutes(app, service),
      ...(boardRoute ? discoverBoardRoutes(app, boardRoute) : []),
    ];
  } finally {
    await app.close();
  }
}
