import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { splitAudioToFlac } from '../../media/split-audio';
import type { SpeechToText, Transcript } from './speech-to-text';

/** The recorder allows memos of up to 180 s; all of it is transcribed. */
export const MAX_MEMO_SECONDS = 180;
/**
 * Each piece stays under Speech-to-Text v1's synchronous limit of 1 minute
 * (https://cloud.google.com/speech-to-text/quotas#content): 55 s leaves room for the encoder's
 * packet rounding.
 */
export const MEMO_SEGMENT_SECONDS = 55;

/**
 * The whole memo (up to 180 s) as one transcript: split into 16 kHz mono FLAC pieces under the
 * sync limit, each recognised in turn, the texts joined in order (no separator for Japanese) and
 * the confidence averaged by text length. `null` when nothing was recognised.
 */
export async function transcribeWholeMemo(
  stt: SpeechToText,
  memoPath: string,
  workDir: string,
  options: { languageCode?: string; signal?: AbortSignal | undefined } = {},
): Promise<Transcript | null> {
  const languageCode = options.languageCode ?? 'ja-JP';
  const dir = path.join(workDir, `memo-${randomUUID()}`);
  try {
    const pieces = await splitAudioToFlac(memoPath, dir, { segmentSeconds: MEMO_SEGMENT_SECONDS, maxSeconds: MAX_MEMO_SECONDS, signal: options.signal });
    const parts: Transcript[] = [];
    for (const piece of pieces) {
      const t = await stt.transcribe(piece, { languageCode, signal: options.signal });
      if (t?.text.trim()) parts.push({ text: t.text.trim(), confidence: t.confidence });
    }
    if (!parts.length) return null;
    const joiner = /^(ja|zh)/i.test(languageCode) ? '' : ' ';
    const total = parts.reduce((n, p) => n + p.text.length, 0);
    return {
      text: parts.map((p) => p.text).join(joiner),
      confidence: parts.reduce((sum, p) => sum + p.confidence * p.text.length, 0) / total,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
