import type { Config } from './config';
import { ConfigError } from './config';
import type { Logger } from './logger';

export function requireDatabaseUrl(config: Config): string {
  if (!config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is not set. "npm start" runs an embedded database for you; to run the API or a worker on its own, point DATABASE_URL at Postgres with pgvector.',
    );
  }
  return config.databaseUrl;
}

/** Resolves on the first SIGINT/SIGTERM; a second one forces exit. */
export function untilShutdown(logger: Logger): Promise<string> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: string) => {
      if (received) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      received = true;
      logger.info({ signal }, 'shutting down');
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Started by a supervisor that died: shut down rather than run on unsupervised.
    process.on('disconnect', () => onSignal('disconnect'));
  });
}
