import type { Knex } from 'knex';
import { lockPrincipleVersion, writePrincipleChunks } from '../../data/principles';
import { NotFoundError, ValidationError } from '../../errors';
import { EMBEDDING_DIMENSIONS, toPgVector } from '../../providers/embeddings/embedding-provider';

export interface ReplacePrincipleChunksInput {
  principleId: string;
  /** Chunk texts in order (chunkPrinciple's output). */
  chunks: string[];
  /** One 768-d vector per chunk, same order. */
  embeddings: number[][];
  /** The embedding provider's model id, stored per row. */
  model: string;
  /**
   * The principle version the chunks were made from. When given and the principle has moved on
   * (edited while it was being embedded), nothing is written and 'stale' is returned, so a newer
   * embedding job wins.
   */
  version?: number | undefined;
}

export interface ReplacePrincipleChunksResult {
  status: 'replaced' | 'stale';
  chunks: number;
}

/**
 * Replaces a principle's retrieval chunks in one transaction (delete old, insert new with their
 * vectors) and marks its embedding 'ready'.
 */
export async function replacePrincipleChunks(knex: Knex, input: ReplacePrincipleChunksInput): Promise<ReplacePrincipleChunksResult> {
  const { principleId, chunks, embeddings, model } = input;
  if (chunks.length === 0) throw new ValidationError('A principle needs at least one chunk.');
  if (chunks.length !== embeddings.length) {
    throw new ValidationError(`Got ${chunks.length} chunks but ${embeddings.length} embeddings.`);
  }
  embeddings.forEach((vector, index) => {
    if (vector.length !== EMBEDDING_DIMENSIONS) {
      throw new ValidationError(`Embedding ${index} has ${vector.length} dimensions; expected ${EMBEDDING_DIMENSIONS}.`);
    }
    if (!vector.every(Number.isFinite)) throw new ValidationError(`Embedding ${index} contains a value that is not a finite number.`);
  });
  if (chunks.some((chunk) => !chunk.trim())) throw new ValidationError('A chunk is empty.');
  if (!model.trim()) throw new ValidationError('The embedding model id is required.');

  return knex.transaction(async (trx) => {
    const version = await lockPrincipleVersion(trx, principleId);
    if (version === undefined) throw new NotFoundError('Principle');
    if (input.version !== undefined && version !== input.version) return { status: 'stale', chunks: 0 };
    await writePrincipleChunks(trx, principleId, chunks.map((content, index) => ({ content, vector: toPgVector(embeddings[index] ?? []) })), model, version);
    return { status: 'replaced', chunks: chunks.length };
  });
}
