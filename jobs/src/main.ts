/** The worker process: `npm run worker` (run as many as you like; pg-boss shares the work out). */
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase } from '@ajimi/core/db/database';
import { migrationsAreCurrent } from '@ajimi/core/db/migrate';
import { createLogger } from '@ajimi/core/logger';
import { requireDatabaseUrl, untilShutdown } from '@ajimi/core/process';
import { ALL_JOBS } from './jobs';
import { startWorker } from './worker';

const config = loadConfig();
const logger = createLogger('worker', config.logLevel);
const databaseUrl = requireDatabaseUrl(config);
const db = connectDatabase(databaseUrl, { poolMax: config.workerConcurrency + 2 });

// The API (or "npm run migrate") owns migrations; a worker waits for them rather than race.
for (let waited = 0; !(await migrationsAreCurrent(db.knex)); waited++) {
  if (waited % 10 === 0) logger.warn('waiting for database migrations ("npm run migrate")');
  await new Promise((r) => setTimeout(r, 1000));
}
const worker = await startWorker({ databaseUrl, knex: db.knex, logger, jobs: ALL_JOBS, concurrency: config.workerConcurrency });
process.send?.({ type: 'ready' });

await untilShutdown(logger);
await worker.stop();
await db.close();
logger.info('worker stopped');
process.exit(0); // the IPC channel to a supervisor would otherwise keep us alive
