import { latestSessionAsset, setAssetProbe } from '../../data/media-assets';
import type { MediaError} from '../../media/media-error';
import { isMediaError } from '../../media/media-error';
import { extractSignals } from '../../media/extract-signals';
import { probePlayableVideo } from '../../media/probe-video';
import { postOnce } from '../../data/chat-rooms';
import { beginStage, failSession, finishStage } from '../../data/cooking-sessions';
import { withLocalCopy } from './local-copy';
import { loadSessionContext } from './load-session-context';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { writeSignalTracks } from '../../data/session-signal-tracks';
import { writeSignals } from '../../data/session-signals';
import { deleteLiveSignalParts } from '../../data/live-signal-parts';
import { signalsFromLiveParts } from './extract-live-signals';

/** From this length on, the proxy, poster and sprite wait LONG_VIDEO_MEDIA_DELAY_SEC (see below). */
export const LONG_VIDEO_SEC = 180;
export const LONG_VIDEO_MEDIA_DELAY_SEC = 30;

/**
 * ingest: checks the upload is a playable video (a clear reason for the cook when not), stores
 * its probe and per-second signals, then hands on to the analysis. The proxy, poster and sprite
 * are made beside it (prepare-media), so they never delay the coaching text; a Cook Cam
 * recording's signals were mostly measured while it was filmed (extract-live-signals.ts).
 */
export async function ingestVideo(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  if (!sc || !(await beginStage(knex, sessionId, 'ingest', ['uploaded']))) return;
  const source = await latestSessionAsset(knex, sessionId, 'source_video');
  if (!source) throw new Error(`session ${sessionId} has no source video`);

  let durationSec = 0;
  try {
    await withLocalCopy(deps.storage, source.storage_key, deps.workDir, async (file) => {
      const probe = await probePlayableVideo(file, { signal: ctx.signal });
      durationSec = probe.durationSec;
      await setAssetProbe(knex, source.id, { ...probe });
      // Cook Cam: most of the video was measured while it was filmed; only the tail is left.
      const live = await signalsFromLiveParts(knex, source, file, probe, ctx.signal);
      const signals = live ?? (await extractSignals(file, { probe, signal: ctx.signal }));
      if (probe.hasAudio && !signals.hasAudio) {
        // The sound track does not decode: from here on the video is treated as silent (proxy, render, analysis).
        await setAssetProbe(knex, source.id, { ...probe, hasAudio: false, audioStreamIndex: null, audioUnusable: true });
        ctx.logger.warn({ sessionId }, 'the sound track does not decode; treated as silent');
      }
      await writeSignals(knex, sessionId, signals);
      await writeSignalTracks(knex, sessionId, signals);
      await deleteLiveSignalParts(knex, sessionId);
      ctx.logger.info({ sessionId, durationSec: probe.durationSec, mode: signals.sampling.mode, measuredWhileFilming: live !== null }, 'signals stored');
    });
  } catch (error) {
    if (!isMediaError(error) || !error.permanent) throw error; // infrastructure trouble: retried
    // Not a usable video: retrying cannot help. Say why, in the cook's language.
    const reason = mediaReason(error, sc.learner.locale);
    await failSession(knex, sessionId, 'ingest', reason, error.code);
    await postOnce(knex, {
      userId: sc.session.userId,
      roomKind: 'cooking_videos',
      kind: 'system',
      author: 'ai',
      sessionId,
      body: reason,
      payload: { code: error.code, stage: 'ingest' },
      idempotencyKey: `ingest-rejected:${sessionId}:${source.id}`,
    });
    return;
  }

  // A long video's proxy and sprite decode (and encode) all of it: on two cores that work would take the CPU
  // from the analysis, so it waits until the coaching text is normally out. Short videos go at once.
  const long = durationSec >= LONG_VIDEO_SEC;
  await ctx.send('prepare-media', { sessionId }, { singletonKey: sessionId, ...(long ? { startAfterSeconds: LONG_VIDEO_MEDIA_DELAY_SEC } : {}) });
  const memo = await latestSessionAsset(knex, sessionId, 'voice_memo');
  const next = memo && deps.stt ? 'transcribe' : 'analyze';
  await finishStage(knex, sessionId, 'ingest', next === 'transcribe' ? 'transcribing' : 'analyzing');
  await ctx.send(next, { sessionId }, { singletonKey: sessionId });
}

function mediaReason(error: MediaError, locale: 'ja' | 'en'): string {
  const message = error.messages[locale];
  return locale === 'ja' ? `この動画は使えませんでした：${message}` : `This video could not be used: ${message}`;
}
