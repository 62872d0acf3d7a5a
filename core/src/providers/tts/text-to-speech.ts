/**
 * Text-to-speech for the coaching video's narration.
 *
 * Output contract: a 16-bit PCM WAV, 24 kHz, mono, and its measured duration in seconds (the
 * real duration drives the timeline: narration never overlaps the next line or runs past the
 * clip). Audio is cached by sha256(provider, voice, lang, text): an identical line is never
 * synthesized twice (see TtsCache).
 */
export type TtsLang = 'ja' | 'en';

export interface SynthesizeOptions {
  lang: TtsLang;
  signal?: AbortSignal | undefined;
}

export interface SynthesizedSpeech {
  /** The cache file (WAV 24 kHz mono, 16-bit PCM). Do not modify it. */
  audioPath: string;
  durationSec: number;
  /** The cache key (sha256 hex): a stable asset key for the timeline spec. */
  key: string;
  /** True when the audio came from the cache. */
  cached: boolean;
}

export interface TextToSpeech {
  readonly provider: 'espeak' | 'google';
  /** The voice for Japanese (the English voice is derived from it per provider). */
  readonly voice: string;
  synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedSpeech>;
}

export const TTS_SAMPLE_RATE = 24_000;

/** A failure from a TTS provider, classified so the job knows whether retrying can help. */
export class TtsError extends Error {
  constructor(
    message: string,
    readonly kind: 'rate_limited' | 'unavailable' | 'timeout' | 'invalid_output' | 'rejected' | 'config' | 'tool_missing',
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TtsError';
  }
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable' || this.kind === 'timeout';
  }
}

export function isTtsError(err: unknown): err is TtsError {
  return err instanceof TtsError;
}
