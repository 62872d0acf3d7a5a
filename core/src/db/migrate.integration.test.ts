import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/start-embedded-database';
import { createKnex } from './knex';
import { migrateToLatest, migrationsAreCurrent, rollbackAll } from './migrate';

// A database of its own: rolling back must not pull the schema from under the other suites.
let db: EmbeddedDatabase;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-migrate-'));
  db = await startEmbeddedDatabase({ dataDir: dir });
});
afterAll(async () => {
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const EXPECTED_TABLES = [
  'analyses', 'app_settings', 'audit_log', 'chat_messages', 'chat_rooms', 'coaching_text_corrections', 'coaching_texts', 'cook_activity', 'cooking_sessions',
  'dish_versions', 'dishes', 'learner_dish_states', 'learner_profiles', 'live_signal_parts', 'login_throttles', 'media_assets', 'narration_scripts', 'principle_chunks',
  'principle_versions', 'principles', 'push_subscriptions', 'renders', 'review_items', 'session_signal_tracks', 'session_signals', 'session_summaries',
  'user_sessions', 'users', 'worker_heartbeats',
];

async function tables(knex: ReturnType<typeof createKnex>): Promise<string[]> {
  const rows = await knex('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .whereNotIn('table_name', ['knex_migrations', 'knex_migrations_lock'])
    .orderBy('table_name')
    .pluck('table_name');
  return rows as string[];
}

describe('migrations', () => {
  it('run up, down and up again cleanly', async () => {
    const knex = createKnex(db.url, { poolMax: 2 });
    try {
      expect(await migrationsAreCurrent(knex)).toBe(false);
      expect((await migrateToLatest(knex)).length).toBeGreaterThan(0);
      expect(await migrationsAreCurrent(knex)).toBe(true);
      expect(await tables(knex)).toEqual(EXPECTED_TABLES);

      // The vector columns and their HNSW indexes exist.
      const indexes = await knex('pg_indexes').where('indexdef', 'like', '%USING hnsw%').pluck('indexname');
      expect(indexes.sort()).toEqual(['principle_chunks_embedding_hnsw', 'session_summaries_embedding_hnsw']);
      const [col] = await knex.raw(
        `select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'principle_chunks'::regclass and attname = 'embedding'`,
      ).then((r: { rows: Array<{ type: string }> }) => r.rows);
      expect(col?.type).toBe('vector(768)');

      // Constraints hold: an unknown role or a progress of 150 % are refused by the database itself.
      await expect(knex('users').insert({ email: 'x@y.z', name: 'x', role: 'superuser' })).rejects.toThrow(/users_role_check/);

      expect((await rollbackAll(knex)).length).toBeGreaterThan(0);
      expect(await tables(knex)).toEqual([]);
      await migrateToLatest(knex);
      expect(await tables(knex)).toEqual(EXPECTED_TABLES);
      expect(await migrateToLatest(knex)).toEqual([]); // idempotent
    } finally {
      await knex.destroy();
    }
  });
});
