import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../core/src/db/embedded/start-embedded-database';
import { createKnex } from '../core/src/db/knex';
import { migrateToLatest } from '../core/src/db/migrate';
import { seed } from '../core/src/seed/seed-demo';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

let db: EmbeddedDatabase | undefined;
let dir: string | undefined;

/** One real embedded Postgres (PGlite + pgvector) for the whole run, migrated once. */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-test-db-'));
    db = await startEmbeddedDatabase({ dataDir: dir });
    url = db.url;
  }
  const knex = createKnex(url, { poolMax: 1 });
  await migrateToLatest(knex);
  await seed(knex, { demoAccounts: false, demoPassword: undefined }); // the dishes
  await knex.destroy();
  project.provide('databaseUrl', url);
}

export async function teardown(): Promise<void> {
  await db?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
