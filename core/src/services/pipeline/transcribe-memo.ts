import fs from 'node:fs';
import { latestSessionAsset } from '../../data/media-assets';
import { transcribeWholeMemo } from '../../providers/stt/transcribe-whole-memo';
import { beginStage, finishStage, sessionTranscript, setTranscript } from '../../data/cooking-sessions';
import { withLocalCopy } from './local-copy';
import type { PipelineDeps, StageContext } from './pipeline-deps';

/**
 * transcribe (only with a voice memo and speech-to-text configured): the whole memo (up to the
 * recorder's 180 s), converted to 16 kHz mono FLAC pieces under synchronous recognition's 1-minute
 * limit, becomes the session's transcript. Offline there is no such stage: the memo stays playable and the typed note is used.
 */
export async function transcribeMemo(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  if (!(await beginStage(knex, sessionId, 'transcribe', ['ingesting']))) return;
  const memo = await latestSessionAsset(knex, sessionId, 'voice_memo');
  if (memo && deps.stt && !(await sessionTranscript(knex, sessionId))) {
    const stt = deps.stt;
    fs.mkdirSync(deps.workDir, { recursive: true });
    // The whole memo (≤ 180 s), in pieces under the 1-minute sync recognition limit.
    const transcript = await withLocalCopy(deps.storage, memo.storage_key, deps.workDir, (file) =>
      transcribeWholeMemo(stt, file, deps.workDir, { languageCode: 'ja-JP', signal: ctx.signal }),
    );
    if (transcript?.text) await setTranscript(knex, sessionId, transcript.text.slice(0, 5000));
  }
  await finishStage(knex, sessionId, 'transcribe', 'analyzing');
  await ctx.send('analyze', { sessionId }, { singletonKey: sessionId });
}
