import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { pino } from 'pino';
import supertest from 'supertest';
import { inject } from 'vitest';
import { createApp, type ApiContext } from '../api/src/app';
import { loadConfig, type Config } from '../core/src/config';
import { connectDatabase } from '../core/src/db/database';
import type { Role } from '../core/src/domain/roles';
import { hashPassword } from '../core/src/services/auth/password-hash';
import { ensureLearnerRooms } from '../core/src/data/chat-rooms';
import { createStorage } from '../core/src/providers/storage/create-storage';
import type { LocalStorage } from '../core/src/providers/storage/local-storage';
import { MEDIA_ROUTE } from '../core/src/providers/storage/open-storage';
import { createBoss, createQueues } from '../core/src/queue/boss';
import { bossQueue } from '../core/src/queue/job-queue';
import { createProviders } from '../core/src/wiring';

export interface TestApi {
  app: Express;
  knex: Knex;
  config: Config;
  storage: LocalStorage;
  boss: PgBoss;
  dataDir: string;
  /** A new app on the same database, storage and upload dir: what a restarted API process sees. */
  restartApp(): Express;
  close(): Promise<void>;
}

/** The real express app on the run's embedded Postgres. */
export async function createTestApi(
  env: Record<string, string> = {},
  extra: Partial<Pick<ApiContext, 'clerk' | 'logger'>> & { storage?: ApiContext['providers']['storage'] } = {},
): Promise<TestApi> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-api-test-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', AJIMI_SERVE_FRONTENDS: 'false', AJIMI_DATA_DIR: dataDir, DATABASE_URL: inject('databaseUrl'), ...env });
  const db = connectDatabase(inject('databaseUrl'), { poolMax: 4 });
  const local = createStorage({ driver: 'local', rootDir: path.join(dataDir, 'media'), publicBaseUrl: MEDIA_ROUTE, signingSecret: 'media-secret-'.padEnd(48, 'y') });
  // A test may bring another backend (GCS against its stub); `storage` below is then that one.
  const storage = (extra.storage ?? local) as LocalStorage;
  // A real pg-boss, send-only like the API's: jobs land in the queues for the test to inspect.
  const boss = createBoss(inject('databaseUrl'), { max: 2, supervise: false });
  await boss.start();
  await createQueues(boss);
  const context: ApiContext = {
    config,
    knex: db.knex,
    logger: pino({ level: 'silent' }),
    sessionSecret: 'test-secret-'.padEnd(48, 'x'),
    // The configured providers (offline defaults in tests), on this test's own storage.
    providers: { ...(await createProviders(config, db.knex)), storage },
    queue: bossQueue(boss),
    uploadDir: path.join(dataDir, 'uploads'),
    ...(extra.clerk ? { clerk: extra.clerk } : {}),
    ...(extra.logger ? { logger: extra.logger } : {}),
  };
  const app = createApp(context);
  return {
    app,
    knex: db.knex,
    config,
    storage,
    boss,
    dataDir,
    restartApp: () => createApp({ ...context }),
    async close() {
      await boss.stop({ graceful: false, close: true });
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

/** A fresh user with a unique email, so tests can share one database. */
export async function createTestUser(knex: Knex, role: Role, options: { disabled?: boolean } = {}): Promise<TestUser> {
  const password = randomBytes(12).toString('base64url');
  const email = `${role}-${randomUUID().slice(0, 8)}@test.ajimi.local`;
  const [row] = await knex('users')
    .insert({ email, name: `Test ${role}`, role, password_hash: await hashPassword(password), disabled: options.disabled ?? false })
    .returning('id');
  if (role === 'learner') await ensureLearnerRooms(knex, row.id);
  return { id: row.id, email, password, role };
}

/** A supertest agent holding the user's session cookie. */
export async function signIn(app: Express, user: { email: string; password: string }): Promise<ReturnType<typeof supertest.agent>> {
  const agent = supertest.agent(app);
  const res = await agent.post('/api/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`sign-in failed for ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}
