import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createKnex } from '../db/knex';
import { getOrCreateSetting, getSetting } from './app-settings';
import { parseSecretsKey } from './settings-crypto';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());

const key = randomBytes(32);
const raw = async (name: string) => (await knex('app_settings').where({ key: name }).first('value'))?.value;

describe('app_settings secrets at rest', () => {
  it('with a key, a new secret is stored sealed (AES-256-GCM) and read back by every holder of the key', async () => {
    const name = `test_secret_${randomUUID()}`;
    const secret = randomBytes(24).toString('base64url');
    expect(await getOrCreateSetting(knex, name, () => secret, key)).toBe(secret);
    const stored = await raw(name);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored).toMatchObject({ sealed: 'aes-256-gcm' });
    expect(await getOrCreateSetting(knex, name, () => 'another', key)).toBe(secret);
    expect(await getSetting(knex, name, key)).toBe(secret);
  });

  it('refuses to read a sealed secret without the key or with another key, saying so', async () => {
    const name = `test_secret_${randomUUID()}`;
    await getOrCreateSetting(knex, name, () => ({ publicKey: 'p', privateKey: 'private' }), key);
    await expect(getSetting(knex, name, undefined)).rejects.toThrow(/encrypted: set AJIMI_SECRETS_KEY/);
    await expect(getSetting(knex, name, randomBytes(32))).rejects.toThrow(/not the key it was sealed with/);
  });

  it('a sealed value moved to another setting does not open (the name is authenticated)', async () => {
    const a = `test_secret_${randomUUID()}`;
    const b = `test_secret_${randomUUID()}`;
    await getOrCreateSetting(knex, a, () => 'value-a', key);
    await knex('app_settings').insert({ key: b, value: JSON.stringify(await raw(a)) });
    await expect(getSetting(knex, b, key)).rejects.toThrow(/could not be decrypted/);
  });

  it('a secret stored in plain text before the key was set is sealed in place on first read', async () => {
    const name = `test_secret_${randomUUID()}`;
    expect(await getOrCreateSetting(knex, name, () => 'old-plain', undefined)).toBe('old-plain');
    expect(await raw(name)).toBe('old-plain');
    expect(await getSetting(knex, name, key)).toBe('old-plain');
    expect(await raw(name)).toMatchObject({ sealed: 'aes-256-gcm' });
    expect(await getSetting(knex, name, key)).toBe('old-plain');
  });

  it('accepts a 32-byte key in base64 or hex and refuses anything else', () => {
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretsKey(undefined)).toBeUndefined();
    expect(() => parseSecretsKey('too-short')).toThrow(/32 bytes/);
  });
});
