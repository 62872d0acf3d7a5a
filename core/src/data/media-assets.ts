/**
 * The media_assets aggregate: every stored file of a session (source video, memo, proxy, poster,
 * sprite, render, TTS audio). Every query on media assets lives here.
 */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { MediaAsset } from '../models/media-asset';

export type MediaAssetRow = ModelObject<MediaAsset>;
export type MediaKind = MediaAsset['kind'];
type Db = Knex | Knex.Transaction;

/** A new asset row; probe is any JSON-able metadata. */
export interface NewMediaAsset {
  owner_user_id: string;
  session_id: string | null;
  kind: MediaKind;
  storage_driver: string;
  storage_key: string;
  content_type: string | null;
  size_bytes: number | null;
  checksum_sha256: string | null;
  probe?: Record<string, unknown> | null;
  original_filename?: string | null;
}

const toInsert = (a: NewMediaAsset) => ({ ...a, probe: a.probe === undefined || a.probe === null ? null : JSON.stringify(a.probe) });

/** The session's newest live asset of a kind (source_video, voice_memo, …). */
export async function latestSessionAsset(db: Db, sessionId: string, kind: MediaKind): Promise<MediaAssetRow | undefined> {
  return db('media_assets').where({ session_id: sessionId, kind }).whereNull('deleted_at').orderBy('created_at', 'desc').first();
}

/** The footage a render or a preview cuts from: the newest probed proxy, else the newest probed source video. */
export async function playableFootage(db: Db, sessionId: string): Promise<MediaAssetRow | undefined> {
  return db('media_assets')
    .where({ session_id: sessionId })
    .whereIn('kind', ['proxy', 'source_video'])
    .whereNull('deleted_at')
    .whereNotNull('probe')
    .orderByRaw("CASE kind WHEN 'proxy' THEN 0 ELSE 1 END")
    .orderBy('created_at', 'desc')
    .first();
}

export async function setAssetProbe(db: Db, id: string, probe: Record<string, unknown>): Promise<void> {
  await db('media_assets').where({ id }).update({ probe: JSON.stringify(probe) });
}

/** A session's own live products of the given kinds (a rendered video's poster, marked renderVersion, is not one). */
function ownSessionMedia(db: Db, sessionId: string, kinds: MediaKind[]) {
  return db('media_assets').where({ session_id: sessionId }).whereIn('kind', kinds).whereNull('deleted_at').whereRaw("(probe->>'renderVersion') is null");
}

/** Which of proxy, poster and sprite the session already has. */
export async function derivedKindsOf(db: Db, sessionId: string): Promise<Set<MediaKind>> {
  return new Set<MediaKind>(await ownSessionMedia(db, sessionId, ['proxy', 'poster', 'sprite']).pluck('kind'));
}

/** The session's own video, poster and sprite assets (newest first), for the console's workspace. */
export async function workspaceMedia(db: Db, sessionId: string): Promise<Array<Pick<MediaAssetRow, 'id' | 'kind' | 'storage_key' | 'probe'>>> {
  return ownSessionMedia(db, sessionId, ['proxy', 'source_video', 'poster', 'sprite']).orderBy('created_at', 'desc').select('id', 'kind', 'storage_key', 'probe');
}

/**
 * Stores a derived product (proxy, poster, sprite) unless the session already has one: the session
 * row is locked so two overlapping runs keep exactly one. Returns whether this one was kept.
 */
export async function insertDerivedOnce(knex: Knex, asset: NewMediaAsset & { session_id: string }): Promise<boolean> {
  return knex.transaction(async (trx) => {
    await trx('cooking_sessions').where({ id: asset.session_id }).forUpdate().first('id');
    const have = await ownSessionMedia(trx, asset.session_id, [asset.kind]).first('id');
    if (have) return false;
    await trx('media_assets').insert(toInsert(asset));
    return true;
  });
}

export async function insertAsset(db: Db, asset: NewMediaAsset): Promise<string> {
  const [row] = await db('media_assets').insert(toInsert(asset)).returning('id');
  return row.id as string;
}

/** Inserts the asset unless its storage key is already recorded (content-addressed keys). */
export async function insertAssetOnce(db: Db, asset: NewMediaAsset): Promise<void> {
  await db('media_assets').insert(toInsert(asset)).onConflict('storage_key').ignore();
}

export async function assetIdByKey(db: Db, storageKey: string): Promise<string | undefined> {
  const row = await db('media_assets').where({ storage_key: storageKey }).first('id');
  return row?.id as string | undefined;
}

export async function deleteAssetByKey(db: Db, storageKey: string): Promise<void> {
  await db('media_assets').where({ storage_key: storageKey }).delete();
}

/** Every storage key recorded for a session (deleted or not). */
export async function sessionStorageKeys(db: Db, sessionId: string): Promise<string[]> {
  return db('media_assets').where({ session_id: sessionId }).pluck('storage_key');
}

/** The newest own poster key of each of the cook's sessions (render posters left out). */
export async function ownPosterKeys(db: Db, userId: string, sessionIds: string[]): Promise<Map<string, string>> {
  const rows: Array<{ session_id: string; storage_key: string }> = await db('media_assets as a')
    .join('cooking_sessions as s', 's.id', 'a.session_id')
    .whereIn('a.session_id', sessionIds)
    .where({ 's.user_id': userId, 'a.owner_user_id': userId, 'a.kind': 'poster' })
    .whereNull('a.deleted_at')
    .whereRaw("(a.probe->>'renderVersion') is null")
    .orderBy('a.created_at', 'desc')
    .select('a.session_id', 'a.storage_key');
  const keys = new Map<string, string>();
  for (const row of rows) if (!keys.has(row.session_id)) keys.set(row.session_id, row.storage_key);
  return keys;
}

/** The own (not rendered) live assets of the given kinds for several sessions, newest first. */
export async function ownMediaOfSessions(db: Db, sessionIds: string[], kinds: MediaKind[]): Promise<Array<Pick<MediaAssetRow, 'session_id' | 'kind' | 'storage_key'>>> {
  return db('media_assets')
    .whereIn('session_id', sessionIds)
    .whereIn('kind', kinds)
    .whereNull('deleted_at')
    .whereRaw("(probe->>'renderVersion') is null")
    .orderBy('created_at', 'desc')
    .select('session_id', 'kind', 'storage_key');
}

/** Of the given asset ids, the live ones the user owns in their own live sessions. */
export async function assetsOwnedBy(db: Db, userId: string, ids: string[]): Promise<Array<Pick<MediaAssetRow, 'id' | 'storage_key' | 'kind' | 'probe'> & { session_id: string }>> {
  if (!ids.length) return [];
  return db('media_assets as a')
    .join('cooking_sessions as s', 's.id', 'a.session_id')
    .whereIn('a.id', ids)
    .where({ 'a.owner_user_id': userId, 's.user_id': userId })
    .whereNull('a.deleted_at')
    .whereNull('s.deleted_at')
    .select('a.id', 'a.storage_key', 'a.session_id', 'a.kind', 'a.probe');
}

/** Bytes the cook's kept uploads (videos and voice memos not deleted) occupy. */
export async function uploadBytesOf(db: Db, userId: string): Promise<number> {
  const row = await db('media_assets')
    .where({ owner_user_id: userId })
    .whereIn('kind', ['source_video', 'voice_memo'])
    .whereNull('deleted_at')
    .first(db.raw('coalesce(sum(size_bytes), 0)::bigint as used'));
  return Number(row?.used ?? 0);
}

/** Marks the session's voice memos other than `keepAssetId` deleted; returns their storage keys. */
export async function retireMemosExcept(db: Db, sessionId: string, keepAssetId: string): Promise<string[]> {
  const rows: Array<{ storage_key: string }> = await db('media_assets')
    .where({ session_id: sessionId, kind: 'voice_memo' })
    .whereNull('deleted_at')
    .whereNot({ id: keepAssetId })
    .update({ deleted_at: db.fn.now() })
    .returning('storage_key');
  return rows.map((r) => r.storage_key);
}
