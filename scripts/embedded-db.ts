/** `npm run db:embedded`: only the embedded database, for running `npm run api` / `npm run worker` apart. */
import '@ajimi/core/load-env-file'; // first: .env fills what the environment leaves unset
import path from 'node:path';
import { loadConfig } from '@ajimi/core/config';
import { startEmbeddedDatabase } from '@ajimi/core/db/embedded/start-embedded-database';
import { assertEmbeddedDatabaseAllowed } from '@ajimi/core/db/embedded/embedded-database-policy';
import { createLogger } from '@ajimi/core/logger';
import { untilShutdown } from '@ajimi/core/process';

const config = loadConfig();
assertEmbeddedDatabaseAllowed(config);
const port = Number(process.env.AJIMI_EMBEDDED_DB_PORT ?? 5433);
const db = await startEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pglite'), port });
console.log(`Embedded Postgres ready. In other terminals:\n  export DATABASE_URL='${db.url}'\n  npm run migrate && npm run api   # and: npm run worker`);
await untilShutdown(createLogger('db'));
await db.stop();
