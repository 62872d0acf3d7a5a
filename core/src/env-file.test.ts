import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config';
import { applyEnvFile, defaultEnvFile } from './env-file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-env-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('applyEnvFile', () => {
  it('fills unset variables from the file and never overrides what the environment already has', () => {
    const file = path.join(dir, '.env');
    fs.writeFileSync(file, '# comment\nPORT=4000\nLOG_LEVEL=debug\nSESSION_SECRET="quoted value with spaces"\nEMPTY=\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    const applied = applyEnvFile(file, env);
    expect(applied.sort()).toEqual(['EMPTY', 'LOG_LEVEL', 'SESSION_SECRET']);
    expect(env).toEqual({ PORT: '5000', LOG_LEVEL: 'debug', SESSION_SECRET: 'quoted value with spaces', EMPTY: '' });
  });

  it('ignores a missing default file but refuses a missing file that was named', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(applyEnvFile(path.join(dir, '.env'), env)).toEqual([]);
    expect(() => applyEnvFile(path.join(dir, 'prod.env'), env, { required: true })).toThrow(ConfigError);
  });

  it('reads ./.env by default and AJIMI_ENV_FILE when set', () => {
    expect(defaultEnvFile({}, dir)).toEqual({ file: path.join(dir, '.env'), required: false });
    expect(defaultEnvFile({ AJIMI_ENV_FILE: 'conf/prod.env' }, dir)).toEqual({ file: path.join(dir, 'conf/prod.env'), required: true });
  });
});

describe('entry points', () => {
  it('a process that imports load-env-file sees .env before it reads its configuration', () => {
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=4321\nLOG_LEVEL=warn\n');
    const loader = path.resolve(import.meta.dirname, 'load-env-file.ts');
    const config = path.resolve(import.meta.dirname, 'config.ts');
    const script = `await import(${JSON.stringify(loader)}); const { loadConfig } = await import(${JSON.stringify(config)}); const c = loadConfig(); console.log(JSON.stringify({ port: c.port, logLevel: c.logLevel }));`;
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error' };
    delete env.PORT;
    delete env.AJIMI_ENV_FILE;
    const tsx = import.meta.resolve('tsx');
    const run = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: dir, env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ port: 4321, logLevel: 'error' });
  });
});
