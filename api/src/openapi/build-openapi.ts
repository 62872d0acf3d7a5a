import type { Express } from 'express';
import { z } from 'zod';
import { SESSION_COOKIE } from '../http/authenticate';
import { mountedRoutes, type MountedRoute } from './mounted-routes';
import { HANDLER_DOCS, ROUTE_DOCS, type RouteDoc } from './route-docs';

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

// The request side of each schema: what a client sends (before transforms and defaults).
const toSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** Express path syntax to OpenAPI: /:id → /{id}, /{*key} → /{key}. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}').replace(/\{\*(\w+)\}/g, '{$1}');
}

export const routeKey = (r: Pick<MountedRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

function pathParameters(path: string) {
  return [...openApiPath(path).matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

function queryParameters(doc: RouteDoc | undefined) {
  if (doc?.list) {
    const sort = z.tuple([z.enum(doc.list.sortable as [string, ...string[]]), z.enum(['ASC', 'DESC'])]);
    const range = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
    return [
      { name: 'sort', in: 'query', required: false, description: 'JSON ["field","ASC|DESC"]', content: { 'application/json': { schema: toSchema(sort) } } },
      { name: 'range', in: 'query', required: false, description: 'JSON [start, end], inclusive; answered with Content-Range "res start-end/total" ("/*": the list is not counted and more rows follow)', content: { 'application/json': { schema: toSchema(range) } } },
      { name: 'filter', in: 'query', required: false, description: 'JSON object', content: { 'application/json': { schema: toSchema(doc.list.filter) } } },
    ];
  }
  if (!doc?.query) return [];
  const schema = toSchema(doc.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s }));
}

function security(roles: MountedRoute['roles']): Operation {
  if (!roles) return { security: [] };
  return { security: [{ sessionCookie: [] }, { bearer: [] }], 'x-roles': roles };
}

/**
 * The OpenAPI 3.1 document of the API, built from the mounted routes (method, path, role gates)
 * and the zod schemas their handlers parse with (route-docs.ts).
 */
export function buildOpenApi(app: Express): Record<string, unknown> {
  const { routes, handlers } = mountedRoutes(app);
  const paths: Record<string, Record<string, Operation>> = {};
  const add = (path: string, method: string, operation: Operation) => {
    paths[openApiPath(path)] = { ...paths[openApiPath(path)], [method]: operation };
  };
  for (const route of routes) {
    const doc = ROUTE_DOCS[routeKey(route)];
    const parameters = [...pathParameters(route.path), ...queryParameters(doc)];
    add(route.path, route.method, {
      summary: doc?.summary ?? '(not described yet)',
      ...(parameters.length ? { parameters } : {}),
      ...(doc?.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(doc.body) } } } } : {}),
      ...security(route.roles),
      responses: { default: { description: 'JSON; errors as { error: { code, message, details? } }' } },
    });
  }
  for (const handler of handlers) {
    const doc = HANDLER_DOCS[handler.path];
    for (const op of doc?.operations ?? [{ method: 'get' as const, path: handler.path, summary: '(not described yet)' }]) {
      add(op.path, op.method, { summary: op.summary, description: doc?.summary, parameters: pathParameters(op.path), ...security(handler.roles), responses: { default: { description: 'See the protocol.' } } });
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Ajimi API', version: '1', description: 'Generated from the mounted Express routes and their zod schemas. x-roles: who may call an operation.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Built-in accounts (POST /api/auth/login).' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A Clerk session token when Clerk is configured.' },
      },
    },
  };
}
