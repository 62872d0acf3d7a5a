import type { Knex } from 'knex';
import type { Config } from '../config';
import { migrateToLatest } from '../db/migrate';
import { seed, type SeedReport } from './seed-demo';

/** Brings a database to the current schema and seeds what every install needs. Idempotent. */
export async function prepareDatabase(knex: Knex, config: Config): Promise<{ migrated: string[]; seed: SeedReport }> {
  const migrated = await migrateToLatest(knex);
  const report = await seed(knex, { demoAccounts: config.demo.enabled, demoPassword: config.demo.password });
  return { migrated, seed: report };
}
