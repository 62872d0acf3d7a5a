/** The worker process: `npm run worker` (run as many as you like; pg-boss shares the work out). */
import '@ajimi/core/load-env-file'; // first: .env fills what the environment leaves unset
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase } from '@ajimi/core/db/database';
import { migrationsAreCurrent } from '@ajimi/core/db/migrate';
import { createLogger } from '@ajimi/core/logger';
import { requireDatabaseUrl, untilShutdown } from '@ajimi/core/process';
import { checkGeminiModels } from '@ajimi/core/providers/ai/create-gemini-providers';
import { createPipelineDeps } from '@ajimi/core/wiring';
import { queueStaleEmbeddings } from '@ajimi/core/services/pipeline/reembed-principle';
import { resendStalledStages } from '@ajimi/core/services/pipeline/resend-stalled-stages';
import { failAbandonedRenders } from '@ajimi/core/services/pipeline/fail-abandoned-renders';
import { resendUndeliveredApprovals } from '@ajimi/core/services/review/resend-undelivered-approvals';
import { bossQueue } from '@ajimi/core/queue/job-queue';
import { createBoss, createQueues } from '@ajimi/core/queue/boss';
import { seedDemoSession } from '@ajimi/core/seed/seed-demo-session';
import { createJobs } from './jobs';
import { startWorker } from './worker';
import { startWorkerHealthServer } from './health-server';

const config = loadConfig();
const logger = createLogger('worker', config.logLevel);
const databaseUrl = requireDatabaseUrl(config);
const db = connectDatabase(databaseUrl, { poolMax: config.workerConcurrency + 2 });

// The API (or "npm run migrate") owns migrations; a worker waits for them rather than race.
for (let waited = 0; !(await migrationsAreCurrent(db.knex)); waited++) {
  if (waited % 10 === 0) logger.warn('waiting for database migrations ("npm run migrate")');
  await new Promise((r) => setTimeout(r, 1000));
}
// A retired or misspelled Gemini model id stops the worker here, with the deprecations page named.
if (config.gemini) await checkGeminiModels(config.gemini, (err) => logger.warn({ err }, 'could not check the Gemini model at start'));
// Stages hand notifications to the push queue through a send-only pg-boss (the worker's own one needs the jobs first).
const sendBoss = createBoss(databaseUrl, { max: 1, supervise: false });
sendBoss.on('error', (err) => logger.error({ err }, 'pg-boss error'));
await sendBoss.start();
await createQueues(sendBoss);
const deps = await createPipelineDeps(config, db.knex, undefined, { pushQueue: bossQueue(sendBoss) });
const worker = await startWorker({ databaseUrl, knex: db.knex, logger, jobs: createJobs(deps), concurrency: config.workerConcurrency });
const queue = bossQueue(worker.boss);
const health =
  config.workerHealthPort === undefined
    ? undefined
    : await startWorkerHealthServer({ knex: db.knex, workerId: worker.id, port: config.workerHealthPort, host: config.host, logger });
const queued = await queueStaleEmbeddings(db.knex, queue, deps.embeddings.model);
if (queued) logger.info({ principles: queued, model: deps.embeddings.model }, 'queued principles for embedding');
logger.info({ analyzer: deps.analyzer.provenance, tts: deps.tts.provider, embeddings: deps.embeddings.model, text: deps.generator?.model ?? 'offline composer' }, 'providers');
// The safety net: a session whose stage lost its job (a crash between commit and send) gets it back.
// Principles added or changed without a job (an import while no worker ran) are picked up too.
const sweeper = setInterval(() => {
  resendStalledStages(db.knex, queue, { quietSeconds: 120 })
    .then((n) => n && logger.warn({ sessions: n }, 're-sent stalled stages'))
    .then(() => queueStaleEmbeddings(db.knex, queue, deps.embeddings.model))
    .then(() => resendUndeliveredApprovals(db.knex, queue, { quietSeconds: 120 }))
    .then((n) => n && logger.warn({ approvals: n }, 're-sent deliveries of approved videos'))
    .then(() => failAbandonedRenders(db.knex))
    .then((ids) => ids.length && logger.warn({ renders: ids }, 'marked abandoned renders failed'))
    .catch((err: unknown) => logger.warn({ err }, 'sweeper failed'));
}, 30_000);
sweeper.unref();
// The first start with demo accounts coaches a generated demo video, so the review queue is not empty.
if (config.demo.session) {
  seedDemoSession({ knex: db.knex, storage: deps.storage, queue, workDir: deps.workDir, logger })
    .then((outcome) => outcome.status === 'created' || logger.debug(outcome, 'demo session'))
    .catch((err: unknown) => logger.warn({ err }, 'demo session not created; the next start tries again'));
}
process.send?.({ type: 'ready' });

await untilShutdown(logger);
clearInterval(sweeper);
await health?.close();
await worker.stop();
await sendBoss.stop({ graceful: false, close: true });
await db.close();
logger.info('worker stopped');
process.exit(0); // the IPC channel to a supervisor would otherwise keep us alive
