import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from './config';
import { connectDatabase, type Database } from './db/database';
import { createPipelineDeps, createProviders } from './wiring';

let db: Database;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-wiring-'));
const config = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'test', AJIMI_DATA_DIR: dataDir, ...env });

beforeAll(() => {
  db = connectDatabase(inject('databaseUrl'), { poolMax: 2 });
});
afterAll(async () => {
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('createProviders', () => {
  it('builds the offline defaults without keys', async () => {
    const p = await createProviders(config(), db.knex);
    expect(p.analyzer.provenance.provider).toBe('local');
    expect(p.generator).toBeNull();
    expect(p.stt).toBeNull();
    expect(p.tts.provider).toBe('espeak');
    expect(p.embeddings.model).toMatch(/local/i);
  });

  it('selects Google TTS when a key is configured, and espeak when TTS_PROVIDER says so', async () => {
    expect((await createProviders(config({ GOOGLE_TTS_API_KEY: 'key' }), db.knex)).tts.provider).toBe('google');
    expect((await createProviders(config({ GOOGLE_TTS_API_KEY: 'key', TTS_PROVIDER: 'espeak' }), db.knex)).tts.provider).toBe('espeak');
  });

  it('gives the worker the same TTS and the caches under the data dir', async () => {
    const deps = await createPipelineDeps(config({ GOOGLE_TTS_API_KEY: 'key' }), db.knex);
    expect(deps.tts.provider).toBe('google');
    expect(deps.renderCacheDir).toBe(path.join(dataDir, 'cache', 'render'));
    expect(deps.workDir).toBe(path.join(dataDir, 'work'));
    expect(deps.rubrics.size).toBeGreaterThan(0);
  });
});
