/** The API process: `npm run api` (scale it out behind a load balancer; state lives in Postgres). */
import '@ajimi/core/load-env-file'; // first: .env fills what the environment leaves unset
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase } from '@ajimi/core/db/database';
import { migrationsAreCurrent } from '@ajimi/core/db/migrate';
import { createLogger } from '@ajimi/core/logger';
import { resolveSessionSecret } from '@ajimi/core/services/auth/session-secret';
import { enforceDemoPolicy } from '@ajimi/core/services/auth/demo-accounts';
import { createProviders, dataDirs } from '@ajimi/core/wiring';
import { createBoss } from '@ajimi/core/queue/boss';
import { bossQueue } from '@ajimi/core/queue/job-queue';
import { createApp } from './app';
import { createClerkResolver } from './http/clerk-auth';
import { requireDatabaseUrl, untilShutdown } from '@ajimi/core/process';

const config = loadConfig();
const logger = createLogger('api', config.logLevel);
const db = connectDatabase(requireDatabaseUrl(config), { poolMax: config.databasePoolMax });
if (!(await migrationsAreCurrent(db.knex))) logger.warn('the database has pending migrations: run "npm run migrate"');
// Demo users from an earlier development run never sign in here (production always has them off).
const { disabled: retiredDemoUsers } = await enforceDemoPolicy(db.knex, config);
if (retiredDemoUsers.length) logger.warn({ accounts: retiredDemoUsers }, 'demo accounts are off: disabled the demo users and revoked their sessions');
const sessionSecret = await resolveSessionSecret(db.knex, config.session.secret);
const clerk = config.clerk ? createClerkResolver({ knex: db.knex, clerk: config.clerk, publicUrl: config.publicUrl }) : undefined;
const providers = await createProviders(config, db.knex);
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
  providers,
  queue: bossQueue(boss),
  uploadDir: dataDirs(config).uploads,
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
