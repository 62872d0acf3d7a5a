import fs from 'node:fs/promises';
import { TTS_SAMPLE_RATE, TtsError } from './text-to-speech';
import type { SynthesizeOptions, SynthesizedSpeech, TextToSpeech, TtsLang } from './text-to-speech';
import { TtsCache, ttsCacheKey } from './tts-cache';
import { wavDurationSec, wrapPcm16 } from './wav';

export interface GoogleTtsOptions {
  cacheDir: string;
  /** An API key with the Cloud Text-to-Speech API enabled (sent as x-goog-api-key); or `getAccessToken`. */
  apiKey?: string | undefined;
  /** An OAuth access token source (e.g. google-auth-library's client.getAccessToken). */
  getAccessToken?: (() => Promise<string>) | undefined;
  /** API origin (default https://texttospeech.googleapis.com); a loopback stub in tests. */
  baseUrl?: string | undefined;
  /** Japanese voice (default ja-JP-Neural2-B). */
  voice?: string | undefined;
  /** English voice, for an English-locale video (default en-US-Neural2-D). */
  englishVoice?: string | undefined;
  /** Speaking rate 0.25–4 (default 1). */
  speakingRate?: number | undefined;
  /** Deadline for one synthesize call (default 30 s). */
  timeoutMs?: number | undefined;
}

/** text:synthesize accepts at most 5,000 bytes of input. */
export const GOOGLE_TTS_MAX_INPUT_BYTES = 5000;

/**
 * Google Cloud Text-to-Speech v1 `text:synthesize` over REST with fetch (the same wire format
 * @google-cloud/text-to-speech uses in fallback mode), LINEAR16 at 24 kHz. No client-side
 * retries: errors are classified (TtsError.kind) and the render job retries.
 */
export class GoogleTextToSpeech implements TextToSpeech {
  readonly provider = 'google' as const;
  readonly voice: string;
  readonly #englishVoice: string;
  readonly #cache: TtsCache;
  readonly #baseUrl: string;
  readonly #options: GoogleTtsOptions;

  constructor(options: GoogleTtsOptions) {
    if (!options.apiKey && !options.getAccessToken) throw new TtsError('Google Text-to-Speech needs an API key or an access token source.', 'config');
    this.#options = options;
    this.voice = options.voice ?? 'ja-JP-Neural2-B';
    this.#englishVoice = options.englishVoice ?? 'en-US-Neural2-D';
    this.#cache = new TtsCache(options.cacheDir);
    this.#baseUrl = (options.baseUrl ?? 'https://texttospeech.googleapis.com').replace(/\/+$/, '');
  }

  voiceFor(lang: TtsLang): string {
    return lang === 'ja' ? this.voice : this.#englishVoice;
  }

  async synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedSpeech> {
    const { lang, signal } = options;
    if (signal?.aborted) throw new TtsError('Synthesis was aborted', 'timeout');
    const input = text.trim();
    if (!input) throw new TtsError('Nothing to read aloud (empty text).', 'rejected');
    if (Buffer.byteLength(input) > GOOGLE_TTS_MAX_INPUT_BYTES) throw new TtsError(`The text is longer than ${GOOGLE_TTS_MAX_INPUT_BYTES} bytes.`, 'rejected');
    const voice = this.voiceFor(lang);
    const rate = this.#options.speakingRate ?? 1;
    const key = ttsCacheKey({ provider: this.provider, voice: `${voice}@${rate}`, lang, text: input });
    return this.#cache.get(key, async (outPath) => {
      const wav = await this.#request(input, voice, lang, rate, signal);
      await fs.writeFile(outPath, wav);
    });
  }

  async #request(text: string, voice: string, lang: TtsLang, speakingRate: number, outer: AbortSignal | undefined): Promise<Buffer> {
    const timeoutMs = this.#options.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (this.#options.apiKey) headers['x-goog-api-key'] = this.#options.apiKey;
    else headers.authorization = `Bearer ${await this.#options.getAccessToken!()}`;
    const body = {
      input: { text },
      voice: { languageCode: lang === 'ja' ? 'ja-JP' : voice.slice(0, 5), name: voice },
      audioConfig: { audioEncoding: 'LINEAR16', sampleRateHertz: TTS_SAMPLE_RATE, speakingRate },
    };
    let res: Response;
    let payload: unknown;
    try {
      res = await fetch(`${this.#baseUrl}/v1/text:synthesize`, { method: 'POST', headers, body: JSON.stringify(body), signal });
      payload = await res.text().then((t) => {
        try {
          return JSON.parse(t) as unknown;
        } catch {
          return t;
        }
      });
    } catch (err) {
      if (timeout.aborted) throw new TtsError(`Google Text-to-Speech did not answer within ${timeoutMs} ms.`, 'timeout', undefined, { cause: err });
      if (outer?.aborted) throw new TtsError('Synthesis was aborted', 'timeout', undefined, { cause: err });
      throw new TtsError(`Google Text-to-Speech could not be reached: ${(err as Error).message}`, 'unavailable', undefined, { cause: err });
    }
    if (!res.ok) throw httpError(res, payload);
    const content = (payload as { audioContent?: unknown } | null)?.audioContent;
    if (typeof content !== 'string' || !content || !/^[A-Za-z0-9+/]+={0,2}$/.test(content) || content.length % 4 !== 0) {
      throw new TtsError('Google Text-to-Speech returned no valid base64 audioContent.', 'invalid_output');
    }
    const bytes = Buffer.from(content, 'base64');
    const wav = bytes.toString('latin1', 0, 4) === 'RIFF' ? bytes : wrapPcm16(bytes, TTS_SAMPLE_RATE);
    const duration = wavDurationSec(wav, { sampleRate: TTS_SAMPLE_RATE, channels: 1 });
    if (!(duration > 0)) throw new TtsError('Google Text-to-Speech returned empty audio.', 'invalid_output');
    return wav;
  }
}

function httpError(res: Response, payload: unknown): TtsError {
  const message = `Google Text-to-Speech failed (HTTP ${res.status}): ${String((payload as { error?: { message?: unknown } } | null)?.error?.message ?? (typeof payload === 'string' ? payload : '')).slice(0, 300)}`;
  const retryAfter = Number.parseInt(res.headers.get('retry-after') ?? '', 10);
  if (res.status === 429) return new TtsError(message, 'rate_limited', Number.isFinite(retryAfter) ? retryAfter : undefined);
  if (res.status === 401 || res.status === 403) return new TtsError(message, 'config');
  if (res.status === 408 || res.status === 504) return new TtsError(message, 'timeout');
  if (res.status >= 400 && res.status < 500) return new TtsError(message, 'rejected');
  return new TtsError(message, 'unavailable');
}
