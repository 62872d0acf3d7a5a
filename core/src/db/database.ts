import type { Knex } from 'knex';
import { Model } from 'objection';
import { createKnex } from './knex';

export interface Database {
  knex: Knex;
  close(): Promise<void>;
}

/** Opens the pool and binds the objection models to it. One per process. */
export function connectDatabase(databaseUrl: string, options: { poolMax?: number } = {}): Database {
  const knex = createKnex(databaseUrl, options);
  Model.knex(knex);
  return { knex, close: () => knex.destroy() };
}
