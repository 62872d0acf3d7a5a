import { abortable } from '../abortable';
import fs from 'node:fs/promises';
import { v1 } from '@google-cloud/speech';
import { sniffAudioFormat } from './audio-format';
import { SpeechToTextError } from './speech-to-text';
import type { SpeechToText, Transcript, TranscribeOptions } from './speech-to-text';

/** Speech-to-Text v1 sync recognition limits. */
export const MAX_SYNC_SECONDS = 60;
export const MAX_SYNC_BYTES = 10 * 1024 * 1024;

export interface GoogleSpeechOptions {
  /** An API key with the Speech-to-Text API enabled; or use `credentials`. */
  apiKey?: string | undefined;
  /** A service account (self-signed JWTs: no token endpoint round trip). */
  credentials?: { client_email: string; private_key: string } | undefined;
  /** Only used for quota attribution by google-auth-library; any non-empty value avoids a metadata-server probe. */
  projectId?: string | undefined;
  /**
   * API origin: unset for speech.googleapis.com, or a full URL such as "http://127.0.0.1:4010"
   * (a loopback stub in tests; the scheme and port are honoured).
   */
  apiEndpoint?: string | undefined;
  /** Deadline for one recognize call (default 60 s). */
  timeoutMs?: number | undefined;
  /** Recognition model, e.g. "latest_long" (default: the API's default for the language). */
  model?: string | undefined;
}

type Endpoint = { apiEndpoint: string; port?: number; protocol?: 'http' | 'https' };

function parseEndpoint(endpoint: string | undefined): Endpoint | undefined {
  if (!endpoint) return undefined;
  if (!/^https?:\/\//.test(endpoint)) return { apiEndpoint: endpoint };
  const url = new URL(endpoint);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { apiEndpoint: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol };
}

/** gRPC status codes (google-gax GoogleError.code). */
const GRPC = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

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

export function toSpeechError(err: unknown): SpeechToTextError {
  if (err instanceof SpeechToTextError) return err;
  const e = err as { code?: unknown; message?: unknown; statusDetails?: unknown; name?: unknown };
  const message = `Google Speech-to-Text failed: ${String(e?.message ?? err).slice(0, 300)}`;
  if (e?.name === 'AbortError') return new SpeechToTextError(message, 'timeout');
  switch (e?.code) {
    case GRPC.RESOURCE_EXHAUSTED:
      return new SpeechToTextError(message, 'rate_limited', retryDelaySeconds(e.statusDetails));
    case GRPC.DEADLINE_EXCEEDED:
    case GRPC.CANCELLED:
      return new SpeechToTextError(message, 'timeout');
    case GRPC.UNAUTHENTICATED:
    case GRPC.PERMISSION_DENIED:
      return new SpeechToTextError(message, 'config');
    case GRPC.INVALID_ARGUMENT:
    case GRPC.FAILED_PRECONDITION:
    case GRPC.OUT_OF_RANGE:
    case GRPC.NOT_FOUND:
    case GRPC.UNIMPLEMENTED:
      return new SpeechToTextError(message, 'rejected');
    default:
      return new SpeechToTextError(message, 'unavailable');
  }
}

/**
 * Google Cloud Speech-to-Text v1 `speech:recognize` through @google-cloud/speech in REST mode
 * (`fallback: true`: HTTP/1.1 + JSON, no gRPC), so `apiEndpoint` can point at a loopback HTTP
 * stub. Sync recognition only: the memo must be ≤ 60 s and ≤ 10 MB (see speech-to-text.ts for
 * the expected FLAC / LINEAR16 WAV input). No client-side retries: the job queue retries.
 */
export class GoogleSpeechToText implements SpeechToText {
  readonly provider = 'google' as const;
  readonly #client: v1.SpeechClient;
  readonly #timeoutMs: number;
  readonly #model: string | undefined;

  constructor(options: GoogleSpeechOptions) {
    if (!options.apiKey && !options.credentials) {
      throw new SpeechToTextError('Google Speech-to-Text needs an API key or service account credentials.', 'config');
    }
    const endpoint = parseEndpoint(options.apiEndpoint);
    this.#client = new v1.SpeechClient({
      fallback: true,
      ...(endpoint ?? {}),
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // v1 speech:recognize does not put the project in the URL, but without a projectId
      // google-auth-library probes the GCE metadata server (169.254.169.254) to find one.
      projectId: options.projectId || 'ajimi-speech',
    });
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#model = options.model;
  }

  async transcribe(audioPath: string, options: TranscribeOptions = {}): Promise<Transcript | null> {
    const languageCode = options.languageCode ?? 'ja-JP';
    const signal = options.signal;
    if (signal?.aborted) throw new SpeechToTextError('Transcription was aborted', 'timeout');

    const audio = await fs.readFile(audioPath);
    const format = sniffAudioFormat(audio);
    if (!format) {
      throw new SpeechToTextError('The memo must be FLAC or 16-bit PCM WAV (convert it first, 16 kHz mono).', 'rejected');
    }
    if (audio.length > MAX_SYNC_BYTES || (format.durationSec ?? 0) > MAX_SYNC_SECONDS) {
      throw new SpeechToTextError(`The memo is longer than ${MAX_SYNC_SECONDS} s or ${MAX_SYNC_BYTES} bytes; trim it first.`, 'rejected');
    }

    const call = this.#client.recognize(
      {
        config: {
          encoding: format.encoding,
          sampleRateHertz: format.sampleRateHertz,
          audioChannelCount: format.channels,
          languageCode,
          enableAutomaticPunctuation: true,
          ...(this.#model ? { model: this.#model } : {}),
        },
        audio: { content: audio.toString('base64') },
      },
      { timeout: this.#timeoutMs, maxRetries: 0 },
    );

    let response: Awaited<typeof call>[0];
    try {
      [response] = await abortable(call, signal, () => new SpeechToTextError('Transcription was aborted', 'timeout'));
    } catch (err) {
      throw toSpeechError(err);
    }

    const pieces = (response.results ?? [])
      .map((r) => r.alternatives?.[0])
      .filter((a): a is NonNullable<typeof a> => Boolean(a?.transcript?.trim()))
      .map((a) => ({ text: (a.transcript as string).trim(), confidence: Number(a.confidence ?? 0) }));
    if (!pieces.length) return null;
    const joiner = languageCode.toLowerCase().startsWith('ja') || languageCode.toLowerCase().startsWith('zh') ? '' : ' ';
    const total = pieces.reduce((n, p) => n + p.text.length, 0);
    const confidence = pieces.reduce((sum, p) => sum + p.confidence * p.text.length, 0) / total;
    return { text: pieces.map((p) => p.text).join(joiner), confidence: Math.max(0, Math.min(1, confidence)) };
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
