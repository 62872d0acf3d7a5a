import type { Knex } from 'knex';
import { isSealed, openValue, sealValue, secretsKeyFromEnv } from './settings-crypto';

/** Reads a stored value, opening it when sealed; a plain value is sealed in place once a key is set. */
async function readValue<T>(knex: Knex, key: string, secretsKey: Buffer | undefined): Promise<T | undefined> {
  const row = await knex('app_settings').where({ key }).first('value');
  if (!row) return undefined;
  if (isSealed(row.value)) return openValue(row.value, secretsKey, key) as T;
  if (secretsKey) {
    // Written before the key was set: seal it now (only if nobody changed it meanwhile).
    await knex('app_settings')
      .where({ key })
      .whereRaw('value = ?::jsonb', [JSON.stringify(row.value)])
      .update({ value: JSON.stringify(sealValue(row.value, secretsKey, key)) });
  }
  return row.value as T;
}

/**
 * Returns the stored value for key, creating it with make() the first time. Safe when several
 * processes start at once: the first insert wins and everyone reads the winner. With
 * AJIMI_SECRETS_KEY set, values are stored sealed (AES-256-GCM, see settings-crypto.ts).
 */
export async function getOrCreateSetting<T>(knex: Knex, key: string, make: () => T, secretsKey: Buffer | undefined = secretsKeyFromEnv()): Promise<T> {
  const made = make();
  await knex('app_settings')
    .insert({ key, value: JSON.stringify(secretsKey ? sealValue(made, secretsKey, key) : made) })
    .onConflict('key')
    .ignore();
  return (await readValue<T>(knex, key, secretsKey)) as T;
}

export async function getSetting<T>(knex: Knex, key: string, secretsKey: Buffer | undefined = secretsKeyFromEnv()): Promise<T | undefined> {
  return readValue<T>(knex, key, secretsKey);
}

export async function deleteSetting(db: Knex | Knex.Transaction, key: string): Promise<void> {
  await db('app_settings').where({ key }).delete();
}

/** Inserts a plain (unsealed) value unless the key exists; true when this call created it (a claim). */
export async function claimSetting(db: Knex | Knex.Transaction, key: string, value: unknown): Promise<boolean> {
  const rows = await db('app_settings').insert({ key, value: JSON.stringify(value) }).onConflict('key').ignore().returning('key');
  return rows.length > 0;
}

/** Replaces a plain (unsealed) value. */
export async function updateSetting(db: Knex | Knex.Transaction, key: string, value: unknown): Promise<void> {
  await db('app_settings').where({ key }).update({ value: JSON.stringify(value) });
}
