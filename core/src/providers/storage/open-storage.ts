import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../../config';
import { getOrCreateSetting } from '../../data/app-settings';
import { createStorage } from './create-storage';
import type { GcsStorage } from './gcs-storage';
import type { LocalStorage } from './local-storage';

export const MEDIA_ROUTE = '/api/media';

/**
 * The configured storage backend. Local URLs are signed with a secret generated once and kept in
 * the database, so every API process of an install verifies what any other one signed.
 */
export async function openStorage(config: Config, knex: Knex): Promise<LocalStorage | GcsStorage> {
  const s = config.storage;
  if (s.driver === 'gcs') {
    return createStorage({
      driver: 'gcs',
      bucket: s.bucket,
      projectId: s.projectId,
      ...(s.clientEmail && s.privateKey ? { credentials: { client_email: s.clientEmail, private_key: s.privateKey } } : {}),
      ...(s.apiEndpoint ? { apiEndpoint: s.apiEndpoint } : {}),
    });
  }
  const signingSecret = await getOrCreateSetting(knex, 'media_signing_secret', () => randomBytes(48).toString('base64url'));
  return createStorage({ driver: 'local', rootDir: s.rootDir, publicBaseUrl: MEDIA_ROUTE, signingSecret });
}
