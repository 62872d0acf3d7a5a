import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../../../test-support/api-harness';
import { openApiPath, routeKey } from './build-openapi';
import { mountedRoutes } from './mounted-routes';
import { HANDLER_DOCS, ROUTE_DOCS } from './route-docs';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api.close();
});

type Doc = { openapi: string; paths: Record<string, Record<string, { summary: string; security: unknown[]; 'x-roles'?: string[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }; parameters?: Array<{ name: string; in: string }> }>> };

describe('GET /api/openapi.json', () => {
  it('lists every mounted route with its method, path and roles, and every documented route is mounted', async () => {
    const res = await request(api.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as Doc;
    expect(doc.openapi).toBe('3.1.0');

    const { routes, handlers } = mountedRoutes(api.app);
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method];
      expect(op, `${routeKey(route)} is missing from the document`).toBeDefined();
      expect(ROUTE_DOCS[routeKey(route)], `${routeKey(route)} has no entry in api/src/openapi/route-docs.ts`).toBeDefined();
      if (route.roles) expect(op?.['x-roles']).toEqual(route.roles);
      else expect(op?.security).toEqual([]);
    }
    const mounted = new Set(routes.map(routeKey));
    // The test app serves media from local storage, so every documented route is mounted here.
    for (const key of Object.keys(ROUTE_DOCS)) expect(mounted.has(key), `route-docs.ts describes ${key}, which is not mounted`).toBe(true);
    expect(handlers.map((h) => h.path).sort()).toEqual(Object.keys(HANDLER_DOCS).sort());
  });

  it('carries each route’s zod schemas: role gates, request bodies, query parameters and list filters', async () => {
    const doc = (await request(api.app).get('/api/openapi.json')).body as Doc;
    const reply = doc.paths['/api/console/cooks/{id}/chat/messages']?.post;
    expect(reply?.['x-roles']).toEqual(['coach', 'admin']);
    const replySchema = reply?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(replySchema?.properties ?? {}).sort()).toEqual(['body', 'roomId', 'sessionId']);
    expect(replySchema?.required?.sort()).toEqual(['body', 'roomId']);
    expect(doc.paths['/api/console/cooks/{id}/chat/messages']?.post?.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);

    expect(doc.paths['/api/console/users']?.get?.['x-roles']).toEqual(['admin']);
    expect(doc.paths['/api/console/users']?.get?.parameters?.map((p) => p.name)).toEqual(['sort', 'range', 'filter']);
    expect(doc.paths['/api/rooms/{roomId}/messages']?.get?.['x-roles']).toEqual(['learner']);
    expect(doc.paths['/api/push/subscriptions']?.post?.['x-roles']).toEqual(['learner', 'coach', 'content', 'admin']);
    expect(doc.paths['/api/auth/login']?.post?.security).toEqual([]);
    expect(doc.paths['/api/uploads']?.post?.['x-roles']).toEqual(['learner']);
  });
});
