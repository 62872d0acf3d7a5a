/**
 * `node --import tsx scripts/bench/retrieval.ts [chunks=10000]`
 * Retrieval latency at N principle chunks on the embedded Postgres: the pipeline's own query
 * (local lexical embedding of the question + pgvector HNSW top-k with the dish filter), against a
 * baseline of the same search as an exact sequential scan, in the same process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';
import { createKnex } from '../../core/src/db/knex';
import { migrateToLatest } from '../../core/src/db/migrate';
import { LocalLexicalEmbedding } from '../../core/src/providers/embeddings/local-lexical-embedding';
import { toPgVector } from '../../core/src/providers/embeddings/embedding-provider';
import { seed } from '../../core/src/seed/seed-demo';
import { chunkPrinciple } from '../../core/src/services/knowledge/chunk-principle';
import { searchPrincipleChunks } from '../../core/src/services/retrieval/search-principles';

const target = Number(process.argv[2] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-retrieval-'));
const db = await startEmbeddedDatabase({ dataDir: dir });
const knex = createKnex(db.url, { poolMax: 2 });
try {
  await migrateToLatest(knex);
  await seed(knex, { demoAccounts: false, demoPassword: undefined });
  const embeddings = new LocalLexicalEmbedding();
  const principles = await knex('principles').select('*');

  // Real chunks of the knowledge base, repeated with a variant marker until there are N rows.
  const t0 = performance.now();
  const base = principles.flatMap((p) => chunkPrinciple(p).map((content, i) => ({ principleId: p.id as string, content, i })));
  let made = 0;
  for (let round = 0; made < target; round++) {
    const batch = base.slice(0, Math.min(base.length, target - made)).map((c) => ({ ...c, content: round ? `${c.content}\n(variant ${round})` : c.content }));
    const vectors = await embeddings.embed(batch.map((c) => c.content), 'document');
    await knex('principle_chunks')
      .insert(batch.map((c, k) => ({ principle_id: c.principleId, chunk_index: round * 1000 + c.i, content: c.content, embedding: toPgVector(vectors[k] as number[]), embedding_model: embeddings.model })))
      .onConflict(['principle_id', 'chunk_index'])
      .ignore();
    made += batch.length;
  }
  const loadSec = (performance.now() - t0) / 1000;
  await knex.raw('analyze principle_chunks');

  const questions = [
    '具材を入れたとき音が小さかった', 'ご飯がべちゃっとする', '卵焼きがきれいに巻けない', '肉に焼き色がつかない', '餃子の皮がくっつく',
    'パンケーキの表面がまだらになる', '味噌汁の香りが弱い', 'パスタの塩加減', '唐揚げが油っぽい', '目玉焼きの白身が固い',
  ];
  const dishes = ['fried-rice', 'fried-rice', 'tamagoyaki', 'seared-meat', 'gyoza', 'pancakes', 'miso-soup', 'pasta', 'karaage', 'fried-eggs'];
  const time = async (exact: boolean) => {
    const ms: number[] = [];
    for (let r = 0; r < 5; r++) {
      for (const [i, q] of questions.entries()) {
        const t = performance.now();
        if (exact) {
          await knex.transaction(async (trx) => {
            await trx.raw('SET LOCAL enable_indexscan = off');
            const [v] = await embeddings.embed([q], 'query');
            await trx('principle_chunks as c').join('principles as p', 'p.id', 'c.principle_id').whereRaw('? = any(p.dishes)', [dishes[i] as string]).orderByRaw('c.embedding <=> ?::vector', [toPgVector(v as number[])]).limit(12).select('c.id');
          });
        } else {
          await searchPrincipleChunks(knex, embeddings, { query: q, dishSlug: dishes[i], limit: 12 });
        }
        ms.push(performance.now() - t);
      }
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[Math.floor(ms.length * 0.5)] as number, p95: ms[Math.floor(ms.length * 0.95)] as number };
  };
  await time(false); // warm-up: kuromoji, caches
  const hnsw = await time(false);
  const exact = await time(true);
  const count = (await knex('principle_chunks').count({ n: '*' }).first())?.n;
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, embedded PGlite + pgvector`);
  console.log(`chunks: ${count} (built and embedded in ${loadSec.toFixed(1)} s)`);
  console.log(`retrieval, HNSW + dish filter (embed question + top-12): p50 ${hnsw.p50.toFixed(1)} ms, p95 ${hnsw.p95.toFixed(1)} ms`);
  console.log(`baseline, exact sequential scan, same queries:          p50 ${exact.p50.toFixed(1)} ms, p95 ${exact.p95.toFixed(1)} ms`);
  console.log(`ratio p50: ${(hnsw.p50 / exact.p50).toFixed(2)}× of the exact scan`);
} finally {
  await knex.destroy();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
