import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/**
 * The saved versions of a versioned record: dishes and principles each keep every saved version
 * as a snapshot in their own table (`dish_versions`, `principle_versions`), keyed by the record.
 */
export type VersionHistory = { table: 'dish_versions'; key: 'dish_id' } | { table: 'principle_versions'; key: 'principle_id' };

export const DISH_VERSIONS: VersionHistory = { table: 'dish_versions', key: 'dish_id' };
export const PRINCIPLE_VERSIONS: VersionHistory = { table: 'principle_versions', key: 'principle_id' };

export async function insertVersion(db: Db, history: VersionHistory, recordId: string, version: number, snapshot: Record<string, unknown>, editedBy: string | null): Promise<void> {
  await db(history.table).insert({ [history.key]: recordId, version, snapshot: JSON.stringify(snapshot), edited_by: editedBy });
}

/** Every saved version, newest first, with the editor's name. */
export async function versionRows(db: Db, history: VersionHistory, recordId: string) {
  return db(`${history.table} as v`)
    .leftJoin('users as u', 'u.id', 'v.edited_by')
    .where(`v.${history.key}`, recordId)
    .orderBy('v.version', 'desc')
    .select('v.id', 'v.version', 'v.snapshot', 'v.edited_by', 'u.name as edited_by_name', 'v.created_at');
}

export async function versionSnapshot(db: Db, history: VersionHistory, recordId: string, version: number): Promise<Record<string, unknown> | undefined> {
  const row = await db(history.table).where({ [history.key]: recordId, version }).first('snapshot');
  return row?.snapshot as Record<string, unknown> | undefined;
}
