import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Knex } from 'knex';
import type { Config } from '@ajimi/core/config';
import type { Logger } from '@ajimi/core/logger';
import { dashboardSecurityHeaders, securityHeaders } from './http/security-headers';
import { authenticate, requireRole, type ClerkResolver } from './http/authenticate';
import { errorHandler, notFoundHandler } from './http/errors';
import { requestLog } from './http/request-log';
import { consoleApp, learnerApp } from './http/frontends';
import { STAFF_ROLES } from '@ajimi/core/domain/roles';
import { authRoutes } from './routes/auth';
import { authConfigRoutes } from './routes/auth-config';
import { userRoutes } from './routes/console/users';
import { reviewRoutes } from './routes/console/reviews';
import { consoleDishRoutes } from './routes/console/dishes';
import { principleRoutes } from './routes/console/principles';
import { retrievalRoutes } from './routes/console/retrieval';
import { cookRoutes } from './routes/console/cooks';
import { openQuestionRoutes } from './routes/console/open-questions';
import { QUEUE_DASHBOARD_PATH, operationsRoutes, queueDashboardRoutes } from './routes/console/operations';
import { auditLogRoutes } from './routes/console/audit-log';
import { createQueuedPushSender } from '@ajimi/core/providers/push/queued-push-sender';
import { healthRoutes } from './routes/health';
import { roomPostRoutes, roomRoutes } from './routes/rooms';
import { dishRoutes, sessionRoutes } from './routes/sessions';
import { uploadRoutes } from './routes/uploads';
import { pushRoutes } from './routes/push';
import { profileRoutes } from './routes/profile';
import { eventRoutes } from './routes/events';
import type { JobQueue } from '@ajimi/core/queue/job-queue';
import { createMediaFilesRouter } from './routes/media-files';
import { LocalStorage } from '@ajimi/core/providers/storage/local-storage';
import type { Providers } from '@ajimi/core/wiring';
import { buildOpenApi } from './openapi/build-openapi';

export interface ApiContext {
  config: Config;
  knex: Knex;
  logger: Logger;
  sessionSecret: string;
  clerk?: ClerkResolver | undefined;
  /** Built once by core/src/wiring.ts. Local storage serves its signed URLs from this process; GCS serves its own. */
  providers: Providers;
  queue: JobQueue;
  /** Where resumable uploads are assembled before they go to storage. */
  uploadDir: string;
}

export function createApp(ctx: ApiContext): Express {
  const { storage, tts, embeddings } = ctx.providers;
  const app = express();
  app.disable('x-powered-by');
  // Exactly the configured proxies: with 0 the client's own X-Forwarded-For is ignored.
  app.set('trust proxy', ctx.config.trustProxyHops);
  // CSP, no framing, HSTS in production; the admin's queue dashboard needs inline scripts.
  const strictHeaders = securityHeaders(ctx.config);
  const dashboardHeaders = dashboardSecurityHeaders(ctx.config);
  app.use((req, res, next) => (req.path.startsWith(QUEUE_DASHBOARD_PATH) ? dashboardHeaders : strictHeaders)(req, res, next));

  const api = express.Router();
  api.use(requestLog(ctx.logger));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Request-Id');
    next();
  });
  api.use(express.json({ limit: '256kb', strict: true }));
  api.use(cookieParser());
  api.use(authenticate({ knex: ctx.knex, sessionSecret: ctx.sessionSecret, clerk: ctx.clerk }));

  api.use('/health', healthRoutes({ knex: ctx.knex }));
  api.use('/auth', authConfigRoutes({ clerk: ctx.clerk ? ctx.config.clerk : undefined }));
  api.use(
    '/auth',
    authRoutes({
      knex: ctx.knex,
      sessionSecret: ctx.sessionSecret,
      ttlHours: ctx.config.session.ttlHours,
      secureCookies: ctx.config.isProduction,
      loginLimitPer15Min: ctx.config.loginRateLimitPer15Min,
      passwordLogin: !ctx.clerk,
    }),
  );
  api.use('/rooms', roomRoutes({ knex: ctx.knex, storage }), roomPostRoutes({ knex: ctx.knex, queue: ctx.queue, questionLimits: ctx.config.questionLimits }));
  api.use('/sessions', sessionRoutes({ knex: ctx.knex, storage }));
  api.use('/dishes', dishRoutes({ knex: ctx.knex, storage }));
  api.use('/profile', profileRoutes({ knex: ctx.knex }));
  api.use('/events', eventRoutes({ knex: ctx.knex, storage }));
  api.use('/push', pushRoutes({ knex: ctx.knex }));
  api.use(
    '/uploads',
    uploadRoutes({
      knex: ctx.knex,
      storage,
      storageDriver: ctx.config.storage.driver,
      queue: ctx.queue,
      uploadDir: ctx.uploadDir,
      logger: ctx.logger,
      publicUrl: ctx.config.configuredPublicUrl,
      quotaBytesPerUser: ctx.config.storageQuotaBytesPerUser,
    }),
  );
  // Authorized by the URL's signature and expiry (minted only for someone allowed to see the file).
  if (storage instanceof LocalStorage) api.use('/media', createMediaFilesRouter({ storage }));

  const consoleApi = express.Router();
  consoleApi.use(requireRole(...STAFF_ROLES));
  consoleApi.use('/users', userRoutes({ knex: ctx.knex }));
  consoleApi.use('/reviews', reviewRoutes({ knex: ctx.knex, storage, queue: ctx.queue, config: ctx.config, tts }));
  consoleApi.use('/principles', principleRoutes({ knex: ctx.knex, queue: ctx.queue }));
  consoleApi.use('/dishes', consoleDishRoutes({ knex: ctx.knex }));
  consoleApi.use('/retrieval', retrievalRoutes({ knex: ctx.knex, embeddings }));
  consoleApi.use('/cooks', cookRoutes({ knex: ctx.knex, storage, push: createQueuedPushSender(ctx.queue) }));
  consoleApi.use('/questions', openQuestionRoutes({ knex: ctx.knex }));
  consoleApi.use('/operations', operationsRoutes({ knex: ctx.knex, queue: ctx.queue }));
  consoleApi.use('/audit-log', auditLogRoutes({ knex: ctx.knex }));
  consoleApi.use('/queue-dashboard', queueDashboardRoutes({ databaseUrl: ctx.config.databaseUrl, allowWrites: ctx.config.queueDashboardWrites }));
  api.use('/console', consoleApi);
  // Built on first request from what is mounted (the whole app exists by then).
  let openApi: Record<string, unknown> | undefined;
  api.get('/openapi.json', (_req, res) => {
    openApi ??= buildOpenApi(app);
    res.json(openApi);
  });

  api.use(notFoundHandler);
  api.use(errorHandler);
  app.use('/api', api);

  if (ctx.config.serveFrontends) {
    app.use('/console', consoleApp());
    app.use('/', learnerApp());
  }
  app.use(errorHandler);
  return app;
}
