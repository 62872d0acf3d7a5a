import { deleteAssetByKey, insertAsset, playableFootage } from '../../data/media-assets';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { PlayableVideoProbe } from '../../media/probe-video';
import { newStorageKey } from '../../providers/storage/storage-key';
import type { TextToSpeech } from '../../providers/tts/text-to-speech';
import { renderVideo } from '../../render/render-video';
import { buildTimeline } from '../../video/build-timeline';
import { specToRenderInput } from '../../video/spec-to-render-input';
import type { TimelineIssue } from '../../video/timeline-spec';
import { describeTimelineIssues, formatBilingual } from '../../video/timeline-messages';
import { loadFootageHints } from './load-footage-hints';
import { narrationScriptSchema } from '../coaching/narration-script';
import { loadSessionContext } from './load-session-context';
import { withLocalCopy } from './local-copy';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { findScript } from '../../data/narration-scripts';
import { endUnfinishedRender, finishRenderIfNewest, hasNewerRender, insertRender, setRenderProgress } from '../../data/renders';
import { showRenderInReview } from '../../data/review-items';

export interface RenderDeps extends PipelineDeps {
  tts: TextToSpeech;
  /** Rendered segments (by spec hash) and synthesized music live here across renders. */
  renderCacheDir: string;
}

export interface RenderRequest {
  sessionId: string;
  /** The narration script version to render; default the latest. */
  scriptVersion?: number | undefined;
}

export type RenderOutcome =
  | { status: 'done'; renderId: string; version: number; videoAssetId: string; posterAssetId: string }
  | { status: 'failed' | 'superseded'; renderId: string; version: number; error?: string }
  /** Nothing to render: the session, its script or its video is gone. */
  | { status: 'skipped'; reason: string };

/** How often progress is written to the row (the console polls it). */
export const PROGRESS_INTERVAL_MS = 500;

/** The message for a timeline that cannot be laid out, in Japanese then English (the detail is logged). */
export function formatTimelineIssues(issues: TimelineIssue[]): string {
  return formatBilingual(describeTimelineIssues(issues));
}

/**
 * render: the coaching video of a session, from a narration script version (default the latest),
 * its key moment and the session's footage. Each request is a new renders row (version = max+1)
 * holding the timeline spec it was made from and its progress (0–100, written at most every
 * PROGRESS_INTERVAL_MS). A spec that does not validate is recorded as a failed render with its
 * issues; a newer request for the same session supersedes this one (it stops early and stores
 * nothing); a failure marks only this row failed, so the previous good render stays in place.
 */
export async function renderCoachingVideo(deps: RenderDeps, request: RenderRequest, ctx: StageContext): Promise<RenderOutcome> {
  const { knex } = deps;
  const { sessionId } = request;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  if (!sc) return { status: 'skipped', reason: 'session not found' };

  const scriptRow = await findScript(knex, sessionId, request.scriptVersion);
  if (!scriptRow) return { status: 'skipped', reason: request.scriptVersion === undefined ? 'no narration script' : `no narration script version ${request.scriptVersion}` };

  // The proxy (720p H.264, constant frame rate) is cheaper to decode than a phone original; same timeline.
  const media = await playableFootage(knex, sessionId);
  if (!media) return { status: 'skipped', reason: 'no ingested video' };
  const probe = media.probe as unknown as Pick<PlayableVideoProbe, 'durationSec' | 'hasAudio'> & Partial<Pick<PlayableVideoProbe, 'width' | 'height'>>;
  const keyMoment = scriptRow.key_moment as { start: number; end: number; at?: number };

  const parsed = narrationScriptSchema.safeParse(scriptRow.content);
  const audio = new Map<string, string>();
  const built = parsed.success
    ? await buildTimeline({
        script: parsed.data,
        keyMoment,
        source: { durationSec: probe.durationSec, hasAudio: probe.hasAudio, key: media.storage_key },
        footage: await loadFootageHints(knex, sessionId, keyMoment, probe),
        learnerName: sc.learner.name,
        dish: sc.dish.name,
        locale: sc.learner.locale,
        tts: async (text, lang) => {
          const speech = await deps.tts.synthesize(text, { lang, signal: ctx.signal });
          audio.set(speech.key, speech.audioPath);
          return { key: speech.key, durationSec: speech.durationSec };
        },
      })
    : ({ ok: false, draft: null, issues: parsed.error.issues.map((i) => ({ path: ['script', ...i.path].join('.'), message: i.message })) } as const);

  if (!built.ok) {
    const error = formatTimelineIssues(built.issues);
    const row = await insertRender(knex, { sessionId, scriptId: scriptRow.id, status: 'failed', spec: built.draft, error });
    ctx.logger.warn({ sessionId, version: row.version, issues: built.issues }, 'render: the timeline does not fit');
    return { status: 'failed', renderId: row.id, version: row.version, error };
  }

  const row = await insertRender(knex, { sessionId, scriptId: scriptRow.id, status: 'rendering', spec: built.spec, error: null });
  const newer = () => hasNewerRender(knex, sessionId, row.version);
  const abort = new AbortController();
  const onJobAbort = () => abort.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onJobAbort, { once: true });
  let superseded = false;

  // Progress: written at most every PROGRESS_INTERVAL_MS, one write at a time; each write also
  // looks for a newer request, which stops this render early.
  let lastWrite = 0;
  let writing: Promise<void> | null = null;
  const onProgress = (fraction: number) => {
    const now = Date.now();
    if (writing || now - lastWrite < PROGRESS_INTERVAL_MS) return;
    lastWrite = now;
    const progress = Math.min(99, Math.max(0, Math.floor(fraction * 100)));
    writing = (async () => {
      await setRenderProgress(knex, row.id, progress);
      if (await newer()) {
        superseded = true;
        abort.abort(new Error('superseded by a newer render'));
      }
    })()
      .catch((error: unknown) => ctx.logger.warn({ err: error, renderId: row.id }, 'render: progress not written'))
      .finally(() => {
        writing = null;
      });
  };

  const workDir = path.join(deps.workDir, `render-${row.id}`);
  const stored: Array<{ key: string }> = [];
  try {
    const rendered = await withLocalCopy(deps.storage, media.storage_key, deps.workDir, (sourcePath) => {
      const input = specToRenderInput(built.spec, {
        sourceVideoPath: sourcePath,
        audioPath: (key) => {
          const file = audio.get(key);
          if (!file) throw new Error(`render: no synthesized audio for ${key}`);
          return file;
        },
      });
      return renderVideo(input, { cacheDir: deps.renderCacheDir, workDir, onProgress, signal: abort.signal });
    });
    await writing;
    if (superseded || (await newer())) return await markSuperseded(knex, row);

    const owner = { sessionId, ownerUserId: media.owner_user_id as string, driver: deps.storage.driver };
    const video = await storeAsset(knex, deps, owner, 'render', rendered.path, { durationSec: rendered.durationSec, width: built.spec.width, height: built.spec.height, renderVersion: row.version });
    stored.push(video);
    const poster = await storeAsset(knex, deps, owner, 'poster', rendered.posterPath, { renderVersion: row.version });
    stored.push(poster);

    // Finish only if still the newest request; otherwise the newer one owns the session's video.
    const finished = await finishRenderIfNewest(knex, { id: row.id, version: row.version, sessionId }, { videoAssetId: video.id, posterAssetId: poster.id });
    if (!finished) {
      await removeAssets(knex, deps, stored);
      return await markSuperseded(knex, row);
    }
    // The review queue shows (and approves) the newest finished render.
    // (Not after approval: the delivered render stays the one shown.)
    await showRenderInReview(knex, sessionId, row.id);
    ctx.logger.info({ sessionId, version: row.version, durationSec: rendered.durationSec }, 'coaching video rendered');
    return { status: 'done', renderId: row.id, version: row.version, videoAssetId: video.id, posterAssetId: poster.id };
  } catch (error) {
    await writing;
    await removeAssets(knex, deps, stored).catch(() => undefined);
    if (superseded) return await markSuperseded(knex, row);
    // A worker shutting down aborts its jobs; pg-boss retries them, so say that rather than "aborted".
    const interrupted = ctx.signal.aborted;
    const message = interrupted ? 'the worker stopped during the render; it is retried automatically' : error instanceof Error ? error.message : String(error);
    await endUnfinishedRender(knex, row.id, { status: 'failed', error: message });
    if (interrupted) ctx.logger.warn({ sessionId, version: row.version }, 'render interrupted by shutdown');
    else ctx.logger.error({ err: error, sessionId, version: row.version }, 'render failed');
    throw error;
  } finally {
    ctx.signal.removeEventListener('abort', onJobAbort);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function markSuperseded(knex: Knex, row: { id: string; version: number }): Promise<RenderOutcome> {
  await endUnfinishedRender(knex, row.id, { status: 'superseded' });
  return { status: 'superseded', renderId: row.id, version: row.version };
}

const ASSET = {
  render: { ext: 'mp4', type: 'video/mp4' },
  poster: { ext: 'jpg', type: 'image/jpeg' },
} as const;

async function storeAsset(
  knex: Knex,
  deps: RenderDeps,
  owner: { sessionId: string; ownerUserId: string; driver: string },
  kind: keyof typeof ASSET,
  file: string,
  meta: Record<string, unknown>,
): Promise<{ id: string; key: string }> {
  const key = newStorageKey(owner.sessionId, kind, ASSET[kind].ext);
  const put = await deps.storage.put(key, fs.createReadStream(file), { contentType: ASSET[kind].type });
  const id = await insertAsset(knex, {
    owner_user_id: owner.ownerUserId,
    session_id: owner.sessionId,
    kind,
    storage_driver: owner.driver,
    storage_key: key,
    content_type: ASSET[kind].type,
    size_bytes: put.size,
    checksum_sha256: put.checksumSha256,
    probe: meta,
  });
  return { id, key };
}

async function removeAssets(knex: Knex, deps: RenderDeps, assets: Array<{ key: string }>): Promise<void> {
  for (const a of assets) {
    await deps.storage.delete(a.key);
    await deleteAssetByKey(knex, a.key);
  }
}
