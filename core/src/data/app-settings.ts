import type { Knex } from 'knex';

/**
 * Returns the stored value for key, creating it with make() the first time. Safe when several
 * processes start at once: the first insert wins and everyone reads the winner.
 */
export async function getOrCreateSetting<T>(knex: Knex, key: string, make: () => T): Promise<T> {
  await knex('app_settings')
    .insert({ key, value: JSON.stringify(make()) })
    .onConflict('key')
    .ignore();
  const row = await knex('app_settings').where({ key }).first('value');
  return row.value as T;
}

export async function getSetting<T>(knex: Knex, key: string): Promise<T | undefined> {
  const row = await knex('app_settings').where({ key }).first('value');
  return row?.value as T | undefined;
}
