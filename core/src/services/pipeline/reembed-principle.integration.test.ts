import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../db/embedded/start-embedded-database';
import { createKnex } from '../../db/knex';
import { migrateToLatest } from '../../db/migrate';
import type { EmbeddingProvider } from '../../providers/embeddings/embedding-provider';
import { seed } from '../../seed/seed-demo';
import { queueStaleEmbeddings, reembedPrinciple } from './reembed-principle';

// A database of its own: other suites' workers would race to embed these rows with their model.
let db: EmbeddedDatabase;
let dir: string;
let knex: ReturnType<typeof createKnex>;

function fakeModel(model: string): EmbeddingProvider {
  return {
    model,
    dimensions: 768,
    embed: async (texts) => texts.map((t, i) => Array.from({ length: 768 }, (_, k) => (k === (t.length + i) % 768 ? 1 : 0))),
  };
}
const ctx = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: async () => null };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-reembed-'));
  db = await startEmbeddedDatabase({ dataDir: dir });
  knex = createKnex(db.url, { poolMax: 2 });
  await migrateToLatest(knex);
  await seed(knex, { demoAccounts: false, demoPassword: undefined });
});
afterAll(async () => {
  await knex.destroy();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('embeddings follow the configured model', () => {
  it('embeds imported principles, and re-embeds every one when the model changes', async () => {
    const total = Number((await knex('principles').count({ n: '*' }).first())?.n);
    const sent: string[] = [];
    const queue = { send: async (_q: string, data: object) => (sent.push((data as { principleId: string }).principleId), 'job') };

    // Fresh import: everything is pending.
    expect(await queueStaleEmbeddings(knex, queue, 'model-a')).toBe(total);
    for (const id of sent.splice(0)) await reembedPrinciple({ knex, embeddings: fakeModel('model-a') }, id, ctx);
    expect(await knex('principles').whereNot('embedding_status', 'ready').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect(await knex('principle_chunks').distinct('embedding_model').pluck('embedding_model')).toEqual(['model-a']);
    expect(await queueStaleEmbeddings(knex, queue, 'model-a')).toBe(0);

    // EMBEDDING_MODEL changes: every principle is queued again and ends up on the new model only.
    expect(await queueStaleEmbeddings(knex, queue, 'model-b')).toBe(total);
    for (const id of sent.splice(0)) await reembedPrinciple({ knex, embeddings: fakeModel('model-b') }, id, ctx);
    expect(await knex('principle_chunks').distinct('embedding_model').pluck('embedding_model')).toEqual(['model-b']);
    const row = await knex('principle_chunks').first(knex.raw('vector_dims(embedding) as dims'));
    expect(row.dims).toBe(768);
  });

  it('marks a principle failed when embedding fails, so it is retried', async () => {
    const [p] = await knex('principles').limit(1).select('id');
    const broken: EmbeddingProvider = { model: 'model-b', dimensions: 768, embed: async () => Promise.reject(new Error('quota')) };
    await expect(reembedPrinciple({ knex, embeddings: broken }, p.id, ctx)).rejects.toThrow('quota');
    expect((await knex('principles').where({ id: p.id }).first()).embedding_status).toBe('failed');
    const sent: string[] = [];
    await queueStaleEmbeddings(knex, { send: async (_q, data) => (sent.push((data as { principleId: string }).principleId), 'job') }, 'model-b');
    expect(sent).toEqual([p.id]);
  });
});
