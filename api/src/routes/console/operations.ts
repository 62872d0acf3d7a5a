import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError, ForbiddenError } from '@ajimi/core/errors';
import type { JobQueue } from '@ajimi/core/queue/job-queue';
import { pipelineOverview } from '@ajimi/core/services/operations/pipeline-overview';
import { queueOverview } from '@ajimi/core/data/queue-jobs';
import { retryFailedStage } from '@ajimi/core/services/operations/retry-stage';
import { actorOf, requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';

const idParam = z.object({ id: z.uuid() });

/** Pipeline health for admins: sessions per stage, the stuck, slow and failed ones, retries, queues. */
export function operationsRoutes(deps: { knex: Knex; queue: JobQueue }): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/overview', async (_req, res) => {
    res.json(await pipelineOverview(deps.knex));
  });
  router.get('/queues', async (_req, res) => {
    res.json(await queueOverview(deps.knex));
  });
  router.post('/sessions/:id/retry', async (req, res) => {
    const { id } = parse(idParam, req.params, 'session id');
    res.json(await retryFailedStage(deps, actorOf(req), id));
  });
  return router;
}

/** The mount point of the pg-boss dashboard; the handler keeps this prefix on every request. */
export const QUEUE_DASHBOARD_PATH = '/api/console/queue-dashboard';

type FetchHandler = (request: globalThis.Request) => Promise<globalThis.Response>;

/**
 * The pg-boss dashboard (@pg-boss/dashboard's createDashboardHandler, a Fetch API handler) for
 * admins only. Read-only unless allowWrites: every request other than GET/HEAD is refused here,
 * before the dashboard sees it (and the dashboard's own read-only switch hides its buttons).
 * Without a database URL (or when the handler cannot load) the mount answers 501.
 */
export function queueDashboardRoutes(deps: { databaseUrl: string | undefined; allowWrites: boolean; load?: () => Promise<FetchHandler | null> }): Router {
  let handler: Promise<FetchHandler | null> | undefined;
  const load =
    deps.load ??
    (async (): Promise<FetchHandler | null> => {
      if (!deps.databaseUrl) return null;
      // Loaded on first use: the dashboard brings its own server-side React app.
      const mod = await import('@pg-boss/dashboard/handler');
      if (!deps.allowWrites) process.env.PGBOSS_DASHBOARD_READ_ONLY = '1';
      return mod.createDashboardHandler({ databases: [{ url: deps.databaseUrl, name: 'Ajimi', schema: 'pgboss' }], basePath: QUEUE_DASHBOARD_PATH });
    });

  const router = Router();
  router.use(requireRole('admin'));
  router.use((req, _res, next) => {
    if (deps.allowWrites || req.method === 'GET' || req.method === 'HEAD') return next();
    next(new ForbiddenError('The queue dashboard is read-only. An admin can allow changes with AJIMI_QUEUE_DASHBOARD_WRITES=true.'));
  });
  router.use(async (req, res) => {
    handler ??= load().catch(() => null);
    const dashboard = await handler;
    if (!dashboard) {
      handler = undefined; // installed later: the next request tries again
      throw new AppError(501, 'dashboard_not_installed', 'The pg-boss dashboard (@pg-boss/dashboard) could not be loaded here; the Operations page shows the queues meanwhile.');
    }
    await forward(dashboard, req, res);
  });
  return router;
}

/** express request → Fetch Request → the dashboard → express response (streamed). */
async function forward(handler: FetchHandler, req: Request, res: Response): Promise<void> {
  const url = new URL(req.originalUrl, `http://${req.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const withBody = req.method !== 'GET' && req.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers };
  if (withBody) {
    // express.json() has already read JSON bodies; anything else (the dashboard's form posts) is still a stream.
    init.body = req.body && Object.keys(req.body as object).length ? JSON.stringify(req.body) : (Readable.toWeb(req) as ReadableStream);
    init.duplex = 'half';
  }
  const response = await handler(new globalThis.Request(url, init));
  res.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as WebReadableStream).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
