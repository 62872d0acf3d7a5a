import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../data/audit-log';
import { setPrincipleDraft } from '../../data/principles';
import { ConflictError } from '../../errors';
import { changedKeys, checkContent, getPrinciple, sameContent, type PrincipleContent, type PrincipleRecord } from './principle-record';

/**
 * An edit saved as the principle's draft: the live version (what retrieval and the pipeline use)
 * does not change until the draft is published. Saving the live content again drops the draft;
 * saving the same draft again changes nothing. A save from an older draft revision is refused.
 */
export async function savePrincipleDraft(
  knex: Knex,
  actor: Actor,
  id: string,
  content: PrincipleContent,
  options: { expectedRevision?: number | undefined } = {},
): Promise<PrincipleRecord> {
  return knex.transaction(async (trx) => {
    const before = await getPrinciple(trx, id, { lock: true });
    if (options.expectedRevision !== undefined && options.expectedRevision !== before.draft_revision) {
      throw new ConflictError('Someone saved this principle since you opened it. Reload to see their changes.', 'version_conflict');
    }
    const working = before.draft ?? before;
    if (sameContent(working, content)) return before;
    const draft = sameContent(before, content) ? null : content;
    if (draft) await checkContent(trx, draft, id);
    await setPrincipleDraft(trx, id, draft, actor.userId);
    const keys = changedKeys(before, content);
    await recordAudit(trx, actor, {
      action: draft ? 'principle.save_draft' : 'principle.discard_draft',
      entityType: 'principle',
      entityId: id,
      before: { version: before.version, ...Object.fromEntries(keys.map((k) => [k, before[k]])) },
      ...(draft ? { after: Object.fromEntries(keys.map((k) => [k, content[k]])) } : {}),
    });
    return getPrinciple(trx, id);
  });
}

/** Drops the draft: the editor goes back to the live version. */
export async function discardPrincipleDraft(knex: Knex, actor: Actor, id: string): Promise<PrincipleRecord> {
  const current = await getPrinciple(knex, id);
  return savePrincipleDraft(knex, actor, id, current, {});
}
