import fs from 'node:fs';
import path from 'node:path';
import { getSessionRow } from '../../data/cooking-sessions';
import { insertLiveSignalPart, liveSignalParts, liveSignalsEnd } from '../../data/live-signal-parts';
import { extractSignals, type ExtractedSignals } from '../../media/extract-signals';
import { isMediaError } from '../../media/media-error';
import { mergeSignalParts } from '../../media/merge-signal-parts';
import { probePlayableVideo, type PlayableVideoProbe } from '../../media/probe-video';
import type { Knex } from 'knex';
import type { PipelineDeps, StageContext } from './pipeline-deps';

/**
 * Measure the uploaded part once this many new seconds are there: short parts keep the tail left
 * at "stop" short (on a loaded 2-core machine the measuring runs at about real time, so the tail
 * is what was filmed while the last part was measured, plus this); each part costs a seek and a probe.
 */
export const LIVE_PART_MIN_SEC = 10;
/** The last seconds of a file still being written may end in a half-stored cluster: left for the next part. */
export const LIVE_TAIL_MARGIN_SEC = 2;
/** How long the upload route lets chunks gather before a live-signals job looks at the file. */
export const LIVE_SIGNALS_DELAY_SEC = 3;
/** How often a running live-signals job checks that the cook is still filming. */
const STILL_FILMING_CHECK_MS = 1000;

/**
 * live-signals (Cook Cam): while the cook films, the chunks arrive in a tus upload of deferred
 * length on the API's disk. This measures the signals of the stretch already there (the same
 * extractSignals as ingest, over [end of the last part, what is decodable now)) and stores it as
 * a part, so that at "stop" the ingest only measures the tail. Opportunistic: whatever goes
 * wrong here, the ingest measures the whole video as it always did.
 */
export async function extractLiveSignals(deps: PipelineDeps, data: { sessionId: string; uploadId: string }, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  if (!deps.uploadDir) return;
  const session = await getSessionRow(knex, data.sessionId).catch(() => null);
  // Still filming, and the upload is the cook's own (upload ids start with the owner's id).
  if (!session || session.status !== 'created' || !data.uploadId.startsWith(`${session.user_id}_`)) return;
  const file = path.join(deps.uploadDir, path.basename(data.uploadId));
  // Another API machine's upload: a retry may reach a worker beside it (workers share one queue).
  if (!fs.existsSync(file)) throw new Error('the upload being filmed is not on this machine');
  // The cook stopped (the upload finished): the ingest takes over, and a part still being measured
  // would only take the CPU from it.
  const stopped = new AbortController();
  const onAbort = () => stopped.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const watch = setInterval(() => {
    getSessionRow(knex, data.sessionId)
      .then((row) => row.status !== 'created' && stopped.abort(new Error('filming stopped')))
      .catch(() => stopped.abort(new Error('session gone')));
  }, STILL_FILMING_CHECK_MS);
  try {
    await measureParts(knex, data, file, stopped.signal, ctx);
  } catch (err) {
    if (!stopped.signal.aborted || ctx.signal.aborted) throw err; // the worker's own abort stays an abort
  } finally {
    clearInterval(watch);
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

async function measureParts(knex: Knex, data: { sessionId: string; uploadId: string }, file: string, signal: AbortSignal, ctx: StageContext): Promise<void> {
  for (;;) {
    const from = await liveSignalsEnd(knex, data.sessionId, data.uploadId);
    const probe = await probePlayableVideo(file, { signal }).catch(() => null);
    if (!probe) return; // not enough of the file yet to read
    const upTo = Math.floor(probe.durationSec - LIVE_TAIL_MARGIN_SEC);
    if (upTo - from < LIVE_PART_MIN_SEC) return;
    const signals = await extractSignals(file, { probe, range: { startSec: from, durationSec: upTo - from }, signal }).catch((err: unknown) => {
      if (isMediaError(err)) return null; // a stretch that does not decode: the ingest will say what is wrong with the file
      throw err;
    });
    if (!signals || signals.seconds.length !== upTo - from) return;
    await insertLiveSignalPart(knex, data.sessionId, { uploadId: data.uploadId, startSec: from, endSec: upTo, signals });
    ctx.logger.info({ sessionId: data.sessionId, from, upTo }, 'live signals: part measured while filming');
  }
}

/**
 * At ingest: the video's signals from the parts measured while filming plus its tail, measured
 * now; null when there are no parts for this very upload or they do not join up (then the caller
 * measures the whole video). The upload is recognised by its id, which names the stored file.
 */
export async function signalsFromLiveParts(
  knex: Knex,
  source: { session_id: string | null; owner_user_id: string; storage_key: string },
  file: string,
  probe: PlayableVideoProbe,
  signal: AbortSignal,
): Promise<ExtractedSignals | null> {
  if (!source.session_id) return null;
  const uploadId = `${source.owner_user_id}_${path.basename(source.storage_key, path.extname(source.storage_key))}`;
  const parts = await liveSignalParts(knex, source.session_id, uploadId);
  const last = parts.at(-1);
  if (!last || probe.durationSec - last.endSec < 1) return null;
  const tail = await extractSignals(file, { probe, range: { startSec: last.endSec, durationSec: probe.durationSec - last.endSec }, signal });
  return mergeSignalParts([...parts, { startSec: last.endSec, signals: tail }], probe.durationSec);
}
