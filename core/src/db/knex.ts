import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

// int8 (counts, bigint ids, sizes) as numbers: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

interface QueryObject {
  sql: string;
  options?: Record<string, unknown>;
}
type PgDialect = new (config: Knex.Config) => { _query(connection: unknown, obj: QueryObject): Promise<unknown> };
// knex's own Postgres dialect (what `client: 'pg'` loads), extended by one option below.
const KnexPg = createRequire(import.meta.url)('knex/lib/dialects/postgres/index.js') as PgDialect;

/** A query option: send this statement as a named prepared statement (see PgWithPreparedStatements). */
export const PREPARED = { prepare: true } as const;

/**
 * `.options(PREPARED)` makes a query a named prepared statement, named after its SQL text: Postgres
 * plans it once per session and reuses the plan, instead of planning it on every request (the
 * console lists' statements spend about as long in planning as in running). Only for statements
 * whose text takes a bounded number of shapes (values as bindings, never spliced in).
 */
class PgWithPreparedStatements extends KnexPg {
  override _query(connection: unknown, obj: QueryObject): Promise<unknown> {
    if (obj.options?.prepare) {
      const { prepare: _prepare, ...options } = obj.options;
      obj.options = { ...options, name: `ajimi_${createHash('sha1').update(obj.sql).digest('hex').slice(0, 24)}` };
    }
    return super._query(connection, obj);
  }
}

export function createKnex(databaseUrl: string, options: { poolMax?: number } = {}): Knex {
  return knexFactory({
    client: PgWithPreparedStatements as unknown as typeof Knex.Client,
    connection: databaseUrl,
    pool: { min: 0, max: options.poolMax ?? 8 },
    acquireConnectionTimeout: 30_000,
  });
}
