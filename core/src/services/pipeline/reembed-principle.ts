import type { Knex } from 'knex';
import type { EmbeddingProvider } from '../../providers/embeddings/embedding-provider';
import type { JobQueue } from '../../queue/job-queue';
import { chunkPrinciple } from '../knowledge/chunk-principle';
import { replacePrincipleChunks } from '../knowledge/replace-principle-chunks';
import type { StageContext } from './pipeline-deps';
import { findPrinciple, principlesNeedingEmbedding, setEmbeddingStatus } from '../../data/principles';

/** reembed: re-chunks a principle and embeds the chunks with the current model. */
export async function reembedPrinciple(deps: { knex: Knex; embeddings: EmbeddingProvider }, principleId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const row = await findPrinciple(knex, principleId);
  if (!row) return;
  await setEmbeddingStatus(knex, principleId, 'embedding');
  try {
    const chunks = chunkPrinciple(row);
    const embeddings = await deps.embeddings.embed(chunks, 'document', ctx.signal);
    const result = await replacePrincipleChunks(knex, { principleId, chunks, embeddings, model: deps.embeddings.model, version: row.version });
    if (result.status === 'stale') {
      // Edited while we worked: the newer version has its own job queued.
      ctx.logger.info({ principleId }, 'principle changed during embedding');
    }
  } catch (error) {
    await setEmbeddingStatus(knex, principleId, 'failed');
    throw error;
  }
}

/**
 * Queues re-embedding for every principle whose chunks are missing, failed, or made by another
 * model: run at worker start, so importing knowledge/ or changing EMBEDDING_MODEL re-embeds.
 */
export async function queueStaleEmbeddings(knex: Knex, queue: JobQueue, model: string): Promise<number> {
  const stale = await principlesNeedingEmbedding(knex, model);
  let sent = 0;
  for (const id of stale) if (await queue.send('reembed', { principleId: id }, { singletonKey: id })) sent++;
  return sent;
}
