/**
 * Speech-to-text for the cook's optional voice memo.
 *
 * Input contract (the caller converts the memo first, with core/media/ffmpeg; transcribeWholeMemo
 * does it for a memo of up to 180 s, in pieces): mono audio of at most 60 s (sync recognition
 * limit) and at most 10 MB, either
 *   - FLAC, 16 kHz (`ffmpeg -i memo.m4a -t 59 -ac 1 -ar 16000 memo.flac`), or
 *   - LINEAR16 WAV, 16 kHz (`ffmpeg -i memo.m4a -t 59 -ac 1 -ar 16000 -c:a pcm_s16le memo.wav`).
 * The format is detected from the file header, not the extension.
 *
 * `null` means "no transcript": nothing was recognised, or the offline default is in use. The
 * memo itself stays stored and playable either way; the pipeline then uses the typed note.
 */
export interface TranscribeOptions {
  /** BCP-47 language code (default 'ja-JP'). */
  languageCode?: string;
  signal?: AbortSignal | undefined;
}

export interface Transcript {
  text: string;
  /** Mean recognition confidence 0..1 (weighted by text length); 0 when the service gave none. */
  confidence: number;
}

export interface SpeechToText {
  readonly provider: 'google' | 'none';
  transcribe(audioPath: string, options?: TranscribeOptions): Promise<Transcript | null>;
}

/** A failure from a speech provider, classified so the job knows whether retrying can help. */
export class SpeechToTextError extends Error {
  constructor(
    message: string,
    readonly kind: 'rate_limited' | 'unavailable' | 'timeout' | 'rejected' | 'config',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SpeechToTextError';
  }
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable' || this.kind === 'timeout';
  }
}
