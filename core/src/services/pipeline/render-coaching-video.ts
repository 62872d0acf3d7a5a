import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { playableFootage } from '../../data/media-assets';
import { findScript } from '../../data/narration-scripts';
import { endUnfinishedRender, finishRenderIfNewest, hasNewerRender, insertRender } from '../../data/renders';
import { showRenderInReview } from '../../data/review-items';
import type { TextToSpeech } from '../../providers/tts/text-to-speech';
import { renderVideo } from '../../render/render-video';
import { specToRenderInput } from '../../video/spec-to-render-input';
import type { TimelineIssue } from '../../video/timeline-spec';
import { describeTimelineIssues, formatBilingual } from '../../video/timeline-messages';
import { loadSessionContext } from './load-session-context';
import { withLocalCopy } from './local-copy';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { buildRenderTimeline } from './render/build-render-timeline';
import { removeRenderAssets, storeRenderAsset } from './render/store-render-assets';
import { trackRenderProgress } from './render/track-render-progress';

export { PROGRESS_INTERVAL_MS } from './render/track-render-progress';

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

  const { built, audio } = await buildRenderTimeline(deps, { sc, scriptRow, media, signal: ctx.signal });
  if (!built.ok) {
    const error = formatTimelineIssues(built.issues);
    const row = await insertRender(knex, { sessionId, scriptId: scriptRow.id, status: 'failed', spec: built.draft, error });
    ctx.logger.warn({ sessionId, version: row.version, issues: built.issues }, 'render: the timeline does not fit');
    return { status: 'failed', renderId: row.id, version: row.version, error };
  }

  const row = await insertRender(knex, { sessionId, scriptId: scriptRow.id, status: 'rendering', spec: built.spec, error: null });
  const progress = trackRenderProgress(knex, { id: row.id, version: row.version, sessionId }, ctx);
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
      return renderVideo(input, { cacheDir: deps.renderCacheDir, workDir, onProgress: progress.onProgress, signal: progress.signal });
    });
    await progress.settled();
    if (progress.superseded() || (await hasNewerRender(knex, sessionId, row.version))) return await markSuperseded(knex, row);

    const owner = { sessionId, ownerUserId: media.owner_user_id };
    const video = await storeRenderAsset(deps, owner, 'render', rendered.path, { durationSec: rendered.durationSec, width: built.spec.width, height: built.spec.height, renderVersion: row.version });
    stored.push(video);
    const poster = await storeRenderAsset(deps, owner, 'poster', rendered.posterPath, { renderVersion: row.version });
    stored.push(poster);

    // Finish only if still the newest request; otherwise the newer one owns the session's video.
    const finished = await finishRenderIfNewest(knex, { id: row.id, version: row.version, sessionId }, { videoAssetId: video.id, posterAssetId: poster.id });
    if (!finished) {
      await removeRenderAssets(deps, stored);
      return await markSuperseded(knex, row);
    }
    // The review queue shows (and approves) the newest finished render.
    // (Not after approval: the delivered render stays the one shown.)
    await showRenderInReview(knex, sessionId, row.id);
    ctx.logger.info({ sessionId, version: row.version, durationSec: rendered.durationSec }, 'coaching video rendered');
    return { status: 'done', renderId: row.id, version: row.version, videoAssetId: video.id, posterAssetId: poster.id };
  } catch (error) {
    await progress.settled();
    await removeRenderAssets(deps, stored).catch(() => undefined);
    if (progress.superseded()) return await markSuperseded(knex, row);
    // A worker shutting down aborts its jobs; pg-boss retries them, so say that rather than "aborted".
    const interrupted = ctx.signal.aborted;
    const message = interrupted ? 'the worker stopped during the render; it is retried automatically' : error instanceof Error ? error.message : String(error);
    await endUnfinishedRender(knex, row.id, { status: 'failed', error: message });
    if (interrupted) ctx.logger.warn({ sessionId, version: row.version }, 'render interrupted by shutdown');
    else ctx.logger.error({ err: error, sessionId, version: row.version }, 'render failed');
    throw error;
  } finally {
    progress.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function markSuperseded(knex: Knex, row: { id: string; version: number }): Promise<RenderOutcome> {
  await endUnfinishedRender(knex, row.id, { status: 'superseded' });
  return { status: 'superseded', renderId: row.id, version: row.version };
}
