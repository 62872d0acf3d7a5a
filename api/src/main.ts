/** The API process: `npm run api` (scale it out behind a load balancer; state lives in Postgres). */
import '@ajimi/core/load-env-file'; // first: .env fills what the environment leaves unset
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase } from '@ajimi/core/db/database';
import { migrationsAreCurrent } from '@ajimi/core/db/migrate';
import { createLogger } from '@ajimi/core/logger';
import { resolveSessionSecret } from '@ajimi/core/services/auth/session-secret';
import { openStorage } from '@ajimi/core/providers/storage/open-storage';
import path from 'node:path';
import { createBoss } from '@ajimi/core/queue/boss';
import { bossQueue } from '@ajimi/core/queue/job-queue';
import { createApp } from './app';
import { createClerkResolver } from './http/clerk-auth';
import { requireDatabaseUrl, untilShutdown } from '@ajimi/core/process';

const config = loadConfig();
const logger = createLogger('api', config.logLevel);
const db = connectDatabase(requireDatabaseUrl(config), { poolMax: config.databasePoolMax });
if (!(await migrationsAreCurrent(db.knex))) logger.warn('the database has pending migrations: run "npm run migrate"');
const sessionSecret = await resolveSessionSecret(db.knex, config.session.secret);
const clerk = config.clerk ? createClerkResolver({ knex: db.knex, clerk: config.clerk }) : undefined;
const storage = await openStorage(config, db.knex);
// Send-only: this process queues jobs; workers run them and supervise the queues.
const boss = createBoss(requireDatabaseUrl(config), { max: 2, supervise: false });
boss.on('error', (err) => logger.error({ err }, 'pg-boss error'));
await boss.start();
const app = createApp({
  config,
  knex: db.knex,
  logger,
  sessionSecret,
  clerk,
  storage,
  queue: bossQueue(boss),
  uploadDir: path.join(config.dataDir, 'uploads'),
});
const server = app.listen(config.port, config.host, () => {
  logger.info({ port: config.port, host: config.host }, 'api listening');
  process.send?.({ type: 'ready' });
});
server.keepAliveTimeout = 65_000;

await untilShutdown(logger);
await new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 10_000).unref();
});
await boss.stop({ graceful: true, close: true, timeout: 5_000 });
await db.close();
logger.info('api stopped');
process.exit(0); // the IPC channel to a supervisor would otherwise keep us alive
