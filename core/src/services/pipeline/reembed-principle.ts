import type { Knex } from 'knex';
import type { EmbeddingProvider } from '../../providers/embeddings/embedding-provider';
import type { JobQueue } from '../../queue/job-queue';
import { chunkPrinciple } from '../knowledge/chunk-principle';
import { replacePrincipleChunks } from '../knowledge/replace-principle-chunks';
import type { StageContext } from './pipeline-deps';

/** reembed: re-chunks a principle and embeds the chunks with the current model. */
export async function reembedPrinciple(deps: { knex: Knex; embeddings: EmbeddingProvider }, principleId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const row = await knex('principles').where({ id: principleId }).first();
  if (!row) return;
  await knex('principles').where({ id: principleId }).update({ embedding_status: 'embedding' });
  try {
    const chunks = chunkPrinciple(row);
    const embeddings = await deps.embeddings.embed(chunks, 'document', ctx.signal);
    const result = await replacePrincipleChunks(knex, { principleId, chunks, embeddings, model: deps.embeddings.model, version: row.version });
    if (result.status === 'stale') {
      // Edited while we worked: the newer version has its own job queued.
      ctx.logger.info({ principleId }, 'principle changed during embedding');
    }
  } catch (error) {
    await knex('principles').where({ id: principleId }).update({ embedding_status: 'failed' });
    throw error;
  }
}

/**
 * Queues re-embedding for every principle whose chunks are missing, failed, or made by another
 * model: run at worker start, so importing knowledge/ or changing EMBEDDING_MODEL re-embeds.
 */
export async function queueStaleEmbeddings(knex: Knex, queue: JobQueue, model: string): Promise<number> {
  const stale = await knex('principles as p')
    .where((w) =>
      w
        .whereNot('p.embedding_status', 'ready')
        .orWhereNotExists(knex('principle_chunks as c').whereRaw('c.principle_id = p.id'))
        .orWhereExists(knex('principle_chunks as c').whereRaw('c.principle_id = p.id').whereNot('c.embedding_model', model)),
    )
    .pluck('p.id');
  let sent = 0;
  for (const id of stale) if (await queue.send('reembed', { principleId: id }, { singletonKey: id })) sent++;
  return sent;
}
