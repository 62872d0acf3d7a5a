import { abortable } from '../abortable';
import fs from 'node:fs/promises';
import { v1 } from '@google-cloud/text-to-speech';
import { TTS_SAMPLE_RATE, TtsError } from './text-to-speech';
import type { SynthesizeOptions, SynthesizedSpeech, TextToSpeech, TtsLang } from './text-to-speech';
import { splitForTts } from './split-for-tts';
import { TtsCache, ttsCacheKey } from './tts-cache';
import { wavDurationSec, wavPcmData, wrapPcm16 } from './wav';

export interface GoogleTtsOptions {
  cacheDir: string;
  /** An API key with the Cloud Text-to-Speech API enabled. Unset: Application Default Credentials. */
  apiKey?: string | undefined;
  /**
   * API origin: unset for texttospeech.googleapis.com, or a full URL such as "http://127.0.0.1:4010"
   * (a loopback stub in tests; the scheme and port are honoured).
   */
  baseUrl?: string | undefined;
  /** Japanese voice (default ja-JP-Neural2-B). */
  voice?: string | undefined;
  /** English voice, for an English-speaking cook (default en-US-Neural2-D). */
  englishVoice?: string | undefined;
  /** Speaking rate 0.25–4 (default 1). */
  speakingRate?: number | undefined;
  /** Deadline for one synthesize call (default 30 s). */
  timeoutMs?: number | undefined;
  /** Only for quota attribution; any value avoids a metadata-server probe with an API key. */
  projectId?: string | undefined;
}

/** text:synthesize accepts at most 5,000 bytes of input (https://cloud.google.com/text-to-speech/quotas). */
export const GOOGLE_TTS_MAX_INPUT_BYTES = 5000;

/** gRPC status codes as google-gax reports them (GoogleError.code), also in REST fallback mode. */
const GRPC = { CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, OUT_OF_RANGE: 11, UNIMPLEMENTED: 12, UNAUTHENTICATED: 16 } as const;

type Endpoint = { apiEndpoint: string; port?: number; protocol?: 'http' | 'https' };

function parseEndpoint(endpoint: string | undefined): Endpoint | undefined {
  if (!endpoint) return undefined;
  if (!/^https?:\/\//.test(endpoint)) return { apiEndpoint: endpoint };
  const url = new URL(endpoint);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { apiEndpoint: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

/**
 * Google Cloud Text-to-Speech v1 `text:synthesize` through the official @google-cloud/text-to-speech
 * client in REST mode (`fallback: true`: HTTP/1.1 + JSON, so `baseUrl` can be a loopback stub),
 * LINEAR16 at 24 kHz, a ja-JP or en-US voice by the cook's language. A line over the 5,000-byte
 * request limit is split at sentence ends and the parts joined. No client-side retries: errors are
 * classified (TtsError.kind) and the render job retries.
 */
export class GoogleTextToSpeech implements TextToSpeech {
  readonly provider = 'google' as const;
  readonly voice: string;
  readonly #englishVoice: string;
  readonly #cache: TtsCache;
  readonly #client: v1.TextToSpeechClient;
  readonly #speakingRate: number;
  readonly #timeoutMs: number;

  constructor(options: GoogleTtsOptions) {
    this.voice = options.voice ?? 'ja-JP-Neural2-B';
    this.#englishVoice = options.englishVoice ?? 'en-US-Neural2-D';
    this.#speakingRate = options.speakingRate ?? 1;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#cache = new TtsCache(options.cacheDir);
    const endpoint = parseEndpoint(options.baseUrl);
    this.#client = new v1.TextToSpeechClient({
      fallback: true,
      ...(endpoint ?? {}),
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.apiKey ? { projectId: options.projectId || 'ajimi-tts' } : options.projectId ? { projectId: options.projectId } : {}),
    });
  }

  voiceFor(lang: TtsLang): string {
    return lang === 'ja' ? this.voice : this.#englishVoice;
  }

  async synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedSpeech> {
    const { lang, signal } = options;
    if (signal?.aborted) throw new TtsError('Synthesis was aborted', 'timeout');
    const input = text.trim();
    if (!input) throw new TtsError('Nothing to read aloud (empty text).', 'rejected');
    const voice = this.voiceFor(lang);
    const key = ttsCacheKey({ provider: this.provider, voice: `${voice}@${this.#speakingRate}`, lang, text: input });
    return this.#cache.get(key, async (outPath) => {
      const parts: Buffer[] = [];
      for (const piece of splitForTts(input, GOOGLE_TTS_MAX_INPUT_BYTES)) {
        parts.push(wavPcmData(await this.#request(piece, voice, signal)));
      }
      await fs.writeFile(outPath, wrapPcm16(Buffer.concat(parts), TTS_SAMPLE_RATE));
    });
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  async #request(text: string, voice: string, signal: AbortSignal | undefined): Promise<Buffer> {
    const call = this.#client.synthesizeSpeech(
      {
        input: { text },
        voice: { languageCode: voice.slice(0, 5), name: voice },
        audioConfig: { audioEncoding: 'LINEAR16', sampleRateHertz: TTS_SAMPLE_RATE, speakingRate: this.#speakingRate },
      },
      { timeout: this.#timeoutMs, maxRetries: 0 },
    );
    let response: Awaited<typeof call>[0];
    try {
      [response] = await abortable(call, signal, () => new TtsError('Synthesis was aborted', 'timeout'));
    } catch (err) {
      throw toTtsError(err, this.#timeoutMs);
    }
    const content = response.audioContent;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'base64') : content ? Buffer.from(content) : Buffer.alloc(0);
    if (bytes.length === 0) throw new TtsError('Google Text-to-Speech returned no audioContent.', 'invalid_output');
    // LINEAR16 audioContent is a whole WAV file, header included (AudioEncoding reference:
    // https://cloud.google.com/text-to-speech/docs/reference/rest/v1/AudioConfig#audioencoding).
    if (bytes.toString('latin1', 0, 4) !== 'RIFF') throw new TtsError('Google Text-to-Speech returned audio that is not a WAV file.', 'invalid_output');
    const wav = bytes;
    let duration = 0;
    try {
      duration = wavDurationSec(wav, { sampleRate: TTS_SAMPLE_RATE, channels: 1 });
    } catch {
      duration = 0;
    }
    if (!(duration > 0)) throw new TtsError('Google Text-to-Speech returned empty or unreadable audio.', 'invalid_output');
    return wav;
  }
}

function retryDelaySeconds(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const d of details as Array<{ retryDelay?: unknown }>) {
    const delay = d?.retryDelay;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) return Math.ceil(Number.parseFloat(delay));
    if (delay && typeof delay === 'object') {
      const { seconds, nanos } = delay as { seconds?: unknown; nanos?: unknown };
      const s = Number(seconds ?? 0) + Number(nanos ?? 0) / 1e9;
      if (Number.isFinite(s) && s > 0) return Math.ceil(s);
    }
  }
  return undefined;
}

export function toTtsError(err: unknown, timeoutMs: number): TtsError {
  if (err instanceof TtsError) return err;
  const e = err as { code?: unknown; message?: unknown; statusDetails?: unknown; name?: unknown };
  const message = `Google Text-to-Speech failed: ${String(e?.message ?? err).slice(0, 300)}`;
  if (e?.name === 'AbortError') return new TtsError(`Google Text-to-Speech did not answer within ${timeoutMs} ms.`, 'timeout', undefined, { cause: err });
  // google-gax reports a 200 whose body it cannot decode as a retry failure; it is malformed output.
  if (/fromProto3JSON|is not valid JSON|Unexpected token/.test(String(e?.message ?? ''))) {
    return new TtsError(message, 'invalid_output', undefined, { cause: err });
  }
  switch (e?.code) {
    case GRPC.RESOURCE_EXHAUSTED:
      return new TtsError(message, 'rate_limited', retryDelaySeconds(e.statusDetails), { cause: err });
    case GRPC.DEADLINE_EXCEEDED:
    case GRPC.CANCELLED:
      return new TtsError(message, 'timeout', undefined, { cause: err });
    case GRPC.UNAUTHENTICATED:
    case GRPC.PERMISSION_DENIED:
      return new TtsError(message, 'config', undefined, { cause: err });
    case GRPC.INVALID_ARGUMENT:
    case GRPC.FAILED_PRECONDITION:
    case GRPC.OUT_OF_RANGE:
    case GRPC.NOT_FOUND:
    case GRPC.UNIMPLEMENTED:
      return new TtsError(message, 'rejected', undefined, { cause: err });
    default:
      return new TtsError(message, 'unavailable', undefined, { cause: err });
  }
}
