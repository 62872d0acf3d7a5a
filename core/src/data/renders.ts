/** The renders aggregate: the coaching-video versions of a session. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Render } from '../models/render';

export type RenderRow = ModelObject<Render>;
type Db = Knex | Knex.Transaction;

/** A finished, stored render of the session: the given one, or the newest. */
export async function finishedRender(db: Db, sessionId: string, renderId?: string): Promise<Pick<RenderRow, 'id' | 'version'> | undefined> {
  const query = db('renders').where({ session_id: sessionId, status: 'done' }).whereNotNull('video_asset_id');
  return (renderId ? query.andWhere({ id: renderId }) : query.orderBy('version', 'desc')).first('id', 'version');
}

/** Renders that count for superseding: a newer failed request does not replace a running one. */
const LIVE_STATUSES = ['queued', 'rendering', 'done'];

/** A new renders row, version = max + 1 (retried if a concurrent request took the number). */
export async function insertRender(
  db: Db,
  r: { sessionId: string; scriptId: string; status: 'rendering' | 'failed'; spec: unknown; error: string | null },
): Promise<{ id: string; version: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const max = await db('renders').where({ session_id: r.sessionId }).max<{ max: number | null }>('version as max').first();
      const version = (max?.max ?? 0) + 1;
      const [row] = await db('renders')
        .insert({
          session_id: r.sessionId,
          version,
          script_id: r.scriptId,
          status: r.status,
          progress: 0,
          spec: r.spec === null ? null : JSON.stringify(r.spec),
          error: r.error,
          started_at: db.fn.now(),
          ...(r.status === 'failed' ? { finished_at: db.fn.now() } : {}),
        })
        .returning(['id', 'version']);
      return { id: row.id as string, version: row.version as number };
    } catch (error) {
      if (attempt < 4 && (error as { code?: string }).code === '23505') continue; // unique (session_id, version)
      throw error;
    }
  }
}

/** Whether a newer live render of the session exists (this one is then superseded). */
export async function hasNewerRender(db: Db, sessionId: string, version: number): Promise<boolean> {
  return Boolean(await db('renders').where({ session_id: sessionId }).andWhere('version', '>', version).whereIn('status', LIVE_STATUSES).first('id'));
}

export async function setRenderProgress(db: Db, id: string, progress: number): Promise<void> {
  await db('renders').where({ id, status: 'rendering' }).update({ progress, updated_at: db.fn.now() });
}

/** Marks the render done only if no newer live render exists; false when it was superseded. */
export async function finishRenderIfNewest(
  db: Db,
  row: { id: string; version: number; sessionId: string },
  assets: { videoAssetId: string; posterAssetId: string },
): Promise<boolean> {
  const updated = await db('renders')
    .where({ id: row.id, status: 'rendering' })
    .whereNotExists(db('renders as newer').select(db.raw('1')).where('newer.session_id', row.sessionId).andWhere('newer.version', '>', row.version).whereIn('newer.status', LIVE_STATUSES))
    .update({ status: 'done', progress: 100, video_asset_id: assets.videoAssetId, poster_asset_id: assets.posterAssetId, error: null, finished_at: db.fn.now(), updated_at: db.fn.now() });
  return updated === 1;
}

/** Ends a render still queued or rendering, as failed (with the error) or superseded. */
export async function endUnfinishedRender(db: Db, id: string, end: { status: 'failed'; error: string } | { status: 'superseded' }): Promise<void> {
  await db('renders')
    .where({ id })
    .whereIn('status', ['queued', 'rendering'])
    .update({ status: end.status, ...(end.status === 'failed' ? { error: end.error.slice(0, 4000) } : {}), finished_at: db.fn.now(), updated_at: db.fn.now() });
}

/** Whether a render (in any state) was made from this script version. */
export async function renderExistsForScript(db: Db, sessionId: string, scriptVersion: number): Promise<boolean> {
  return Boolean(
    await db('renders as r').join('narration_scripts as n', 'n.id', 'r.script_id').where({ 'r.session_id': sessionId, 'n.version': scriptVersion }).first('r.id'),
  );
}

/** Every render of the session, oldest first, with its script version and the storage keys of its video and poster. */
export async function rendersWithMedia(db: Db, sessionId: string) {
  return db('renders as r')
    .join('narration_scripts as n', 'n.id', 'r.script_id')
    .leftJoin('media_assets as v', 'v.id', 'r.video_asset_id')
    .leftJoin('media_assets as p', 'p.id', 'r.poster_asset_id')
    .where('r.session_id', sessionId)
    .orderBy('r.version')
    .select('r.id', 'r.version', 'n.version as script_version', 'r.status', 'r.progress', 'r.error', 'r.created_at', 'v.storage_key as video_key', 'p.storage_key as poster_key');
}

/** Marks failed, with `error`, every queued or rendering render not updated for `quietSeconds`; returns their ids. */
export async function failQuietRenders(db: Db, quietSeconds: number, error: string): Promise<string[]> {
  const rows = await db('renders')
    .whereIn('status', ['queued', 'rendering'])
    .where('updated_at', '<', db.raw('now() - make_interval(secs => ?)', [quietSeconds]))
    .update({ status: 'failed', error, finished_at: db.fn.now(), updated_at: db.fn.now() })
    .returning('id');
  return rows.map((r: { id: string }) => r.id);
}

/** A finished render of the session whose video is still stored, with the video's probe. */
export async function storedFinishedRender(
  db: Db,
  sessionId: string,
  renderId: string,
): Promise<{ id: string; video_asset_id: string; poster_asset_id: string | null; probe: Record<string, unknown> | null } | undefined> {
  return db('renders as r')
    .join('media_assets as v', 'v.id', 'r.video_asset_id')
    .where({ 'r.id': renderId, 'r.session_id': sessionId, 'r.status': 'done' })
    .whereNull('v.deleted_at')
    .first('r.id', 'r.video_asset_id', 'r.poster_asset_id', 'v.probe');
}
