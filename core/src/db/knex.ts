import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

// int8 (counts, bigint ids, sizes) as numbers: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export function createKnex(databaseUrl: string, options: { poolMax?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: databaseUrl,
    pool: { min: 0, max: options.poolMax ?? 8 },
    acquireConnectionTimeout: 30_000,
  });
}
