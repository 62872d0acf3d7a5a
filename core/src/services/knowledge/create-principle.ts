import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../data/audit-log';
import { insertPrinciple, insertPrincipleVersion, principleSlugTaken } from '../../data/principles';
import { ConflictError } from '../../errors';
import type { JobQueue } from '../../queue/job-queue';
import { checkContent, contentOf, getPrinciple, snapshotOf, type PrincipleContent, type PrincipleRecord } from './principle-record';
import { queuePrincipleEmbedding } from './queue-principle-embedding';

/** A new principle at version 1, embedded at once (retrieval searches it only once published). */
export async function createPrinciple(
  deps: { knex: Knex; queue: JobQueue },
  actor: Actor,
  input: PrincipleContent & { slug: string; published: boolean },
): Promise<PrincipleRecord> {
  const { slug, published, ...content } = input;
  const taken = () => new ConflictError(`A principle with the slug "${slug}" already exists.`, 'slug_taken');
  const created = await deps.knex
    .transaction(async (trx) => {
      if (await principleSlugTaken(trx, slug)) throw taken();
      await checkContent(trx, content, null);
      const row = await insertPrinciple(trx, { slug, content, published, updatedBy: actor.userId });
      await insertPrincipleVersion(trx, row.id, 1, snapshotOf(row), actor.userId);
      const record = await getPrinciple(trx, row.id);
      await recordAudit(trx, actor, { action: 'principle.create', entityType: 'principle', entityId: row.id, after: { slug, ...contentOf(record), published, version: 1 } });
      return record;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw taken();
      throw error;
    });
  await queuePrincipleEmbedding(deps.queue, created.id, created.version);
  return created;
}
