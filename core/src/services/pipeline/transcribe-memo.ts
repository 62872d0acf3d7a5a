import { latestSessionAsset } from '../../data/media-assets';
import path from 'node:path';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { runMediaTool, FFMPEG_BASE_ARGS } from '../../media/run-media-tool';
import { beginStage, finishStage } from '../../data/cooking-sessions';
import { withLocalCopy } from './local-copy';
import type { PipelineDeps, StageContext } from './pipeline-deps';

/**
 * transcribe (only with a voice memo and speech-to-text configured): the memo, converted to
 * 16 kHz mono FLAC (its first 59 s: synchronous recognition's limit), becomes the session's
 * transcript. Offline there is no such stage: the memo stays playable and the typed note is used.
 */
export async function transcribeMemo(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  if (!(await beginStage(knex, sessionId, 'transcribe', ['ingesting']))) return;
  const memo = await latestSessionAsset(knex, sessionId, 'voice_memo');
  const session = await knex('cooking_sessions').where({ id: sessionId }).first('transcript');
  if (memo && deps.stt && !session?.transcript) {
    const flac = path.join(deps.workDir, `${randomUUID()}.flac`);
    fs.mkdirSync(deps.workDir, { recursive: true });
    try {
      await withLocalCopy(deps.storage, memo.storage_key, deps.workDir, (file) =>
        runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-i', file, '-vn', '-ac', '1', '-ar', '16000', '-t', '59', '-c:a', 'flac', flac], { signal: ctx.signal }),
      );
      const transcript = await deps.stt.transcribe(flac, { languageCode: 'ja-JP', signal: ctx.signal });
      if (transcript?.text) await knex('cooking_sessions').where({ id: sessionId }).update({ transcript: transcript.text.slice(0, 5000) });
    } finally {
      fs.rmSync(flac, { force: true });
    }
  }
  await finishStage(knex, sessionId, 'transcribe', 'analyzing');
  await ctx.send('analyze', { sessionId }, { singletonKey: sessionId });
}
