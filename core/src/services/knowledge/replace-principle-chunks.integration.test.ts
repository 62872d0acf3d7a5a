import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKnex } from '../../db/knex';
import { NotFoundError, ValidationError } from '../../errors';
import { EMBEDDING_DIMENSIONS, toPgVector } from '../../providers/embeddings/embedding-provider';
import { DISHES } from '../../seed/dishes';
import { chunkPrinciple } from './chunk-principle';
import { importKnowledge, toPrincipleFields } from './import-knowledge';
import { replacePrincipleChunks } from './replace-principle-chunks';
import { makePrinciple } from './testing/principle-fixture';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());
beforeAll(() => knex('dishes').insert(DISHES).onConflict('slug').ignore());

/** A simple deterministic unit vector per seed. */
function vectorFor(seed: number): number[] {
  const raw = Array.from({ length: EMBEDDING_DIMENSIONS }, (_, d) => Math.sin(seed * 31 + d * 0.7));
  const norm = Math.hypot(...raw);
  return raw.map((v) => v / norm);
}

async function importedPrinciple() {
  const principle = makePrinciple(`test-${randomUUID().slice(0, 8)}-chunks`);
  const { created } = await importKnowledge(knex, { dishes: [], principles: [principle] });
  return { principle, id: created[0]!.id };
}

const chunkRows = (id: string) =>
  knex('principle_chunks')
    .where({ principle_id: id })
    .orderBy('chunk_index')
    .select('chunk_index', 'content', 'embedding_model', knex.raw('vector_dims(embedding) as dims'), knex.raw('embedding::text as embedding'));

describe('replacePrincipleChunks', () => {
  it('stores 768-d vectors for every chunk and marks the principle ready', async () => {
    const { principle, id } = await importedPrinciple();
    const chunks = chunkPrinciple(toPrincipleFields(principle));
    const embeddings = chunks.map((_, i) => vectorFor(i));

    expect(await replacePrincipleChunks(knex, { principleId: id, chunks, embeddings, model: 'test-model-v1', version: 1 })).toEqual({
      status: 'replaced',
      chunks: chunks.length,
    });

    const rows = await chunkRows(id);
    expect(rows.map((r) => r.chunk_index)).toEqual(chunks.map((_, i) => i));
    expect(rows.map((r) => r.content)).toEqual(chunks);
    for (const row of rows) expect(row).toMatchObject({ dims: 768, embedding_model: 'test-model-v1' });
    const stored = JSON.parse(rows[2].embedding) as number[];
    stored.forEach((v, d) => expect(v).toBeCloseTo(embeddings[2]![d]!, 5));
    // Ready, and about version 1: a reader waiting for a given version's embedding can tell.
    expect(await knex('principles').where({ id }).first('embedding_status', 'embedded_version')).toEqual({ embedding_status: 'ready', embedded_version: 1 });

    // Retrieval can find a chunk by its own vector.
    const [nearest] = await knex('principle_chunks')
      .where({ principle_id: id })
      .orderByRaw('embedding <=> ?::vector', [toPgVector(vectorFor(1))])
      .limit(1);
    expect(nearest.chunk_index).toBe(1);
  });

  it('replaces the old rows rather than adding to them', async () => {
    const { id } = await importedPrinciple();
    await replacePrincipleChunks(knex, { principleId: id, chunks: ['一', '二', '三'], embeddings: [1, 2, 3].map(vectorFor), model: 'm1' });
    await knex('principles').where({ id }).update({ embedding_status: 'pending' });
    await replacePrincipleChunks(knex, { principleId: id, chunks: ['新しい'], embeddings: [vectorFor(9)], model: 'm2' });
    const rows = await chunkRows(id);
    expect(rows.map((r) => [r.chunk_index, r.content, r.embedding_model])).toEqual([[0, '新しい', 'm2']]);
    expect((await knex('principles').where({ id }).first()).embedding_status).toBe('ready');
  });

  it('writes nothing when the principle moved on to a newer version while it was embedded', async () => {
    const { id } = await importedPrinciple();
    await knex('principles').where({ id }).update({ version: 2 });
    expect(await replacePrincipleChunks(knex, { principleId: id, chunks: ['古い'], embeddings: [vectorFor(1)], model: 'm', version: 1 })).toEqual({
      status: 'stale',
      chunks: 0,
    });
    expect(await chunkRows(id)).toEqual([]);
    expect((await knex('principles').where({ id }).first()).embedding_status).toBe('pending');
  });

  it('rejects mismatched input without touching the rows', async () => {
    const { id } = await importedPrinciple();
    await replacePrincipleChunks(knex, { principleId: id, chunks: ['一'], embeddings: [vectorFor(1)], model: 'm' });
    const attempts = [
      { principleId: id, chunks: ['一', '二'], embeddings: [vectorFor(1)], model: 'm' },
      { principleId: id, chunks: ['一'], embeddings: [vectorFor(1).slice(1)], model: 'm' },
      { principleId: id, chunks: ['一'], embeddings: [[Number.NaN, ...vectorFor(1).slice(1)]], model: 'm' },
      { principleId: id, chunks: [], embeddings: [], model: 'm' },
      { principleId: id, chunks: ['一'], embeddings: [vectorFor(1)], model: ' ' },
    ];
    for (const input of attempts) await expect(replacePrincipleChunks(knex, input)).rejects.toBeInstanceOf(ValidationError);
    expect((await chunkRows(id)).map((r) => r.content)).toEqual(['一']);
  });

  it('reports an unknown principle', async () => {
    await expect(
      replacePrincipleChunks(knex, { principleId: randomUUID(), chunks: ['一'], embeddings: [vectorFor(1)], model: 'm' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
