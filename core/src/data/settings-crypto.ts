import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets kept in app_settings (session secret, media signing secret, VAPID keys) are sealed with
 * AES-256-GCM when AJIMI_SECRETS_KEY is set: a copy of the database alone no longer signs sessions
 * or media URLs. The setting's name is the additional authenticated data, so a sealed value cannot
 * be moved to another setting.
 */
export interface SealedValue {
  sealed: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

export class SecretsKeyError extends Error {
  override name = 'SecretsKeyError';
}

/** AJIMI_SECRETS_KEY: 32 random bytes, base64 or hex (e.g. `openssl rand -base64 32`). */
export function parseSecretsKey(text: string | undefined): Buffer | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new SecretsKeyError('AJIMI_SECRETS_KEY must be 32 bytes, base64 or hex (openssl rand -base64 32).');
  return key;
}

export function secretsKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  return parseSecretsKey(env.AJIMI_SECRETS_KEY);
}

export function isSealed(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === 'aes-256-gcm';
}

export function sealValue(value: unknown, key: Buffer, name: string): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { sealed: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function openValue(stored: SealedValue, key: Buffer | undefined, name: string): unknown {
  if (!key) throw new SecretsKeyError(`The setting "${name}" is encrypted: set AJIMI_SECRETS_KEY to the key it was sealed with.`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(stored.iv, 'base64'));
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(stored.data, 'base64')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    throw new SecretsKeyError(`The setting "${name}" could not be decrypted: AJIMI_SECRETS_KEY is not the key it was sealed with.`);
  }
}
