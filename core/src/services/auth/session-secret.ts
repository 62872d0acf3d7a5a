import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { getOrCreateSetting } from '../../data/app-settings';

/** SESSION_SECRET when configured; otherwise one generated on first start and shared by every process. */
export async function resolveSessionSecret(knex: Knex, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return getOrCreateSetting(knex, 'session_secret', () => randomBytes(48).toString('base64url'));
}
