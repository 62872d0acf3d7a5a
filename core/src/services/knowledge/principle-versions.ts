import type { Knex } from 'knex';
import type { PrincipleVersion } from '../../contracts/principles';
import { principleEditorRow, principleVersionRows, principleVersionSnapshot } from '../../data/principles';
import type { Actor } from '../../data/audit-log';
import { NotFoundError } from '../../errors';
import { contentOf, type PrincipleContent, type PrincipleRecord } from './principle-record';
import { savePrincipleDraft } from './save-principle-draft';

export type { PrincipleVersion };

/** Every published version, newest first. */
export async function listPrincipleVersions(knex: Knex, id: string): Promise<PrincipleVersion[]> {
  if (!(await principleEditorRow(knex, id))) throw new NotFoundError('Principle');
  const rows = await principleVersionRows(knex, id);
  return rows.map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
}

/** Brings an earlier version back as the draft: it goes live only when published, like any edit. */
export async function restorePrincipleVersion(knex: Knex, actor: Actor, id: string, version: number): Promise<PrincipleRecord> {
  const snapshot = await principleVersionSnapshot(knex, id, version);
  if (!snapshot) throw new NotFoundError(`Version ${version} of the principle`);
  return savePrincipleDraft(knex, actor, id, contentOf(snapshot as unknown as PrincipleContent));
}
