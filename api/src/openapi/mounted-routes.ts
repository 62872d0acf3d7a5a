import type { Express } from 'express';
import type { Role } from '@ajimi/core/domain/roles';

/** A route as Express will answer it: method, full path in Express syntax, and who may call it. */
export interface MountedRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
  path: string;
  /** null: no sign-in needed; otherwise the roles every gate on the way lets through. */
  roles: Role[] | null;
}

/** A handler mounted with router.use() that answers requests itself (tus, the queue dashboard), not a sub-router. */
export interface MountedHandler {
  path: string;
  roles: Role[] | null;
}

// Express 5 (router 2.x) internals read here: layer.rawPath, layer.route {path, methods, stack}, layer.handle.stack.
interface Layer {
  rawPath?: string | string[];
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
  handle: ((...args: never[]) => unknown) & { stack?: Layer[]; allowedRoles?: readonly Role[] };
}

const join = (base: string, part: string) => (part === '/' ? base || '/' : `${base}${part}`.replace(/\/{2,}/g, '/'));
const narrow = (roles: Role[] | null, gate: readonly Role[]) => (roles ? roles.filter((r) => gate.includes(r)) : [...gate]);

/**
 * Every route the app answers, read from its mounted routers: the document is built from what is
 * served, so it cannot list a route that is gone or miss one that was added. Handlers that are
 * mounted with use() and answer by themselves are listed when they sit behind a role gate (a gated
 * catch-all is an endpoint; ungated use() layers are middleware: logging, parsing, front-ends).
 */
export function mountedRoutes(app: Express): { routes: MountedRoute[]; handlers: MountedHandler[] } {
  const routes: MountedRoute[] = [];
  const handlers: MountedHandler[] = [];
  const walk = (stack: Layer[], base: string, inherited: Role[] | null) => {
    let roles = inherited;
    for (const layer of stack) {
      const paths = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath ?? '/'];
      for (const raw of paths) {
        if (layer.route) {
          let routeRoles = roles;
          for (const inner of layer.route.stack) if (inner.handle.allowedRoles) routeRoles = narrow(routeRoles, inner.handle.allowedRoles);
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') routes.push({ method: method as MountedRoute['method'], path: join(base, layer.route.path), roles: routeRoles });
          }
        } else if (layer.handle.stack) {
          walk(layer.handle.stack, join(base, raw === '/' ? '' : raw), roles);
        } else if (layer.handle.allowedRoles) {
          // A gate: everything after it in this router (under its path) needs one of its roles.
          if (raw === '/') roles = narrow(roles, layer.handle.allowedRoles);
        } else if (roles !== inherited) {
          const path = join(base, raw === '/' ? '' : raw) || '/';
          if (!handlers.some((h) => h.path === path)) handlers.push({ path, roles });
        }
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', null);
  return { routes, handlers };
}
