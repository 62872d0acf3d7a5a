import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config';

/**
 * Reads a dotenv file into `env`. Variables already set (by the shell, docker compose or Cloud Run)
 * win over the file, as with `node --env-file`: the file fills gaps, it never overrides.
 * Returns the names it set. A missing default file is fine; a missing named file is an error.
 */
export function applyEnvFile(file: string, env: NodeJS.ProcessEnv = process.env, options: { required?: boolean } = {}): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.required) return [];
    throw new ConfigError(`環境ファイル ${file} を読めません / cannot read the env file ${file}: ${(error as Error).message}`);
  }
  const applied: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    applied.push(name);
  }
  return applied;
}

/** The file every entry point reads: AJIMI_ENV_FILE when set (then it must exist), else ./.env. */
export function defaultEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): { file: string; required: boolean } {
  const named = env.AJIMI_ENV_FILE?.trim();
  return named ? { file: path.resolve(cwd, named), required: true } : { file: path.join(cwd, '.env'), required: false };
}
