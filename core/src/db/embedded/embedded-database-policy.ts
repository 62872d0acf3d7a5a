import { ConfigError } from '../../config';

/** Production runs on a real Postgres; the embedded one needs an explicit opt-in there. */
export function assertEmbeddedDatabaseAllowed(config: { embeddedDatabaseAllowed: boolean }): void {
  if (!config.embeddedDatabaseAllowed) {
    throw new ConfigError(
      '本番環境では組み込みデータベースを起動しません。DATABASE_URL に Postgres を指定してください（どうしても使う場合は AJIMI_ALLOW_EMBEDDED_DB_IN_PRODUCTION=true）。\n' +
        'Refusing to start the embedded database in production: set DATABASE_URL to a Postgres with pgvector ' +
        '(or, knowingly, AJIMI_ALLOW_EMBEDDED_DB_IN_PRODUCTION=true).',
    );
  }
}
