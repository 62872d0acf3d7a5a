/**
 * Side-effect import, first line of every entry point (API, worker, migrate, start, embedded db):
 * `.env` (or AJIMI_ENV_FILE) is read before the configuration is.
 */
import { applyEnvFile, defaultEnvFile } from './env-file';

const { file, required } = defaultEnvFile();
applyEnvFile(file, process.env, { required });
