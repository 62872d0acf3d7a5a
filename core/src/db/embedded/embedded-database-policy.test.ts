import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { assertEmbeddedDatabaseAllowed } from './embedded-database-policy';

const SECRET = 's'.repeat(40);
const root = path.resolve(import.meta.dirname, '../../../..');

describe('embedded database in production', () => {
  it('is refused unless explicitly allowed; always allowed outside production', () => {
    expect(() => assertEmbeddedDatabaseAllowed(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }))).toThrow(/AJIMI_ALLOW_EMBEDDED_DB_IN_PRODUCTION/);
    expect(() => assertEmbeddedDatabaseAllowed(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, AJIMI_ALLOW_EMBEDDED_DB_IN_PRODUCTION: 'true' }))).not.toThrow();
    expect(() => assertEmbeddedDatabaseAllowed(loadConfig({ NODE_ENV: 'development' }))).not.toThrow();
  });

  it('npm start in production without DATABASE_URL stops before creating a database', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-prod-start-'));
    try {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', SESSION_SECRET: SECRET, AJIMI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
      const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/Refusing to start the embedded database in production/);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
