import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../data/audit-log';
import { insertPrincipleVersion, setLiveContent, setPublishedFlag } from '../../data/principles';
import { ConflictError } from '../../errors';
import type { JobQueue } from '../../queue/job-queue';
import { changedKeys, checkContent, getPrinciple, snapshotOf, type PrincipleRecord } from './principle-record';
import { queuePrincipleEmbedding } from './queue-principle-embedding';

/**
 * Publishes on purpose: a waiting draft becomes the live content as a new version (snapshot,
 * audit of what changed) and is re-embedded; retrieval keeps the previous chunks until the new ones
 * are written. The principle is searched by retrieval from then on. With `expectedRevision`, a
 * draft changed since the editor looked at it is not published.
 */
export async function publishPrinciple(deps: { knex: Knex; queue: JobQueue }, actor: Actor, id: string, options: { expectedRevision?: number | undefined } = {}): Promise<PrincipleRecord> {
  const result = await deps.knex.transaction(async (trx) => {
    const before = await getPrinciple(trx, id, { lock: true });
    if (options.expectedRevision !== undefined && options.expectedRevision !== before.draft_revision) {
      throw new ConflictError('The draft changed since you opened it. Reload and check it before publishing.', 'version_conflict');
    }
    const draft = before.draft;
    if (!draft) {
      if (!before.published) {
        await setPublishedFlag(trx, id, true, actor.userId);
        await recordAudit(trx, actor, { action: 'principle.publish', entityType: 'principle', entityId: id, before: { published: false }, after: { published: true } });
      }
      return { record: await getPrinciple(trx, id), reembed: false };
    }
    await checkContent(trx, draft, id);
    const version = before.version + 1;
    const row = await setLiveContent(trx, id, { content: draft, version, published: true, updatedBy: actor.userId });
    await insertPrincipleVersion(trx, id, version, snapshotOf(row), actor.userId);
    const keys = changedKeys(before, draft);
    await recordAudit(trx, actor, {
      action: 'principle.publish',
      entityType: 'principle',
      entityId: id,
      before: { version: before.version, published: before.published, ...Object.fromEntries(keys.map((k) => [k, before[k]])) },
      after: { version, published: true, ...Object.fromEntries(keys.map((k) => [k, draft[k]])) },
    });
    return { record: await getPrinciple(trx, id), reembed: true };
  });
  if (result.reembed) await queuePrincipleEmbedding(deps.queue, id, result.record.version);
  return result.record;
}

/** Hides the principle from retrieval without touching its chunks or its draft. */
export async function unpublishPrinciple(knex: Knex, actor: Actor, id: string): Promise<PrincipleRecord> {
  return knex.transaction(async (trx) => {
    const before = await getPrinciple(trx, id, { lock: true });
    if (before.published) {
      await setPublishedFlag(trx, id, false, actor.userId);
      await recordAudit(trx, actor, { action: 'principle.unpublish', entityType: 'principle', entityId: id, before: { published: true }, after: { published: false } });
    }
    return getPrinciple(trx, id);
  });
}
