import { ScriptedStubServer, type StubAnswer, type StubRequest } from '../../../testing/scripted-stub-server';
import { wrapPcm16 } from '../wav';

/**
 * A loopback stand-in for Google Cloud Text-to-Speech v1 as @google-cloud/text-to-speech calls it
 * in REST mode (`fallback: true`), for tests only:
 *
 *   POST /v1/text:synthesize?$alt=json;enum-encoding=int   { input: { text }, voice, audioConfig } → { audioContent: base64 }
 *   (https://cloud.google.com/text-to-speech/docs/reference/rest/v1/text/synthesize)
 *
 * It rejects what the real API rejects: no credentials (403), no input text/ssml or more than
 * 5,000 bytes of it (400, https://cloud.google.com/text-to-speech/quotas), no voice languageCode, a
 * voice name that does not exist or is not of that language, no audioEncoding, a speakingRate outside
 * [0.25, 2.0] (0 = unset), a pitch outside [-20, 20] or a volumeGainDb outside [-96, 16] (400;
 * https://cloud.google.com/text-to-speech/docs/reference/rest/v1/AudioConfig).
 * By default it answers a WAV (LINEAR16 with header, as the real API does) of silence, 0.1 s per
 * character at the requested sample rate. Faults are scripted: an HTTP status (with Retry-After
 * and a google.rpc.RetryInfo delay), a raw body (malformed output), or a hang.
 */
export type FakeTtsReply = { ok: true } | { status: number; message?: string; retryAfter?: number } | { body: string } | { hang: true };

type TtsJson = {
  input?: { text?: string; ssml?: string };
  voice?: { languageCode?: string; name?: string };
  audioConfig?: { audioEncoding?: string | number; sampleRateHertz?: number; speakingRate?: number; pitch?: number; volumeGainDb?: number };
};
export type FakeTtsRequest = StubRequest<TtsJson>;

export const TTS_MAX_INPUT_BYTES = 5000;
const STATUS_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };
// Voice names follow <locale>-<type>-<letter> (https://cloud.google.com/text-to-speech/docs/voices).
const VOICE_NAME = /^([a-z]{2,3}-[A-Z]{2})-(Standard|Wavenet|Neural2|Chirp3-HD|Chirp-HD|Studio)-[A-Z]$/;
// LINEAR16 is 1 in google.cloud.texttospeech.v1.AudioEncoding; REST takes the name or, with enum-encoding=int, the number.
const ENCODINGS = new Map<string | number, string>([['LINEAR16', 'LINEAR16'], [1, 'LINEAR16'], ['MP3', 'MP3'], [2, 'MP3'], ['OGG_OPUS', 'OGG_OPUS'], [3, 'OGG_OPUS']]);

function error(status: number, message: string, extra: { retryAfter?: number } = {}): StubAnswer {
  const details = status === 429 && extra.retryAfter ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${extra.retryAfter}s` }] : [];
  return {
    status,
    body: JSON.stringify({ error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN', details } }),
    ...(extra.retryAfter ? { headers: { 'retry-after': String(extra.retryAfter) } } : {}),
  };
}

export class FakeTtsServer extends ScriptedStubServer<FakeTtsReply, TtsJson> {
  private constructor() {
    super({ method: 'POST', path: '/v1/text:synthesize' });
  }

  static start(): Promise<FakeTtsServer> {
    return ScriptedStubServer.listen(new FakeTtsServer());
  }

  get baseUrl(): string {
    return this.url;
  }

  /** Requests the stub answered 200 (well-formed ones). */
  get accepted(): FakeTtsRequest[] {
    return this.requests.filter((r) => r.status === 200);
  }

  protected answer(reply: FakeTtsReply | undefined, request: FakeTtsRequest): StubAnswer {
    if (!request.headers['x-goog-api-key'] && !request.headers.authorization) return error(403, 'The request is missing a valid API key.');
    const problem = validate(request.json);
    if (problem) return error(400, problem);
    const r = reply ?? { ok: true };
    if ('hang' in r) return 'hang';
    if ('body' in r) return { status: 200, body: r.body };
    if ('status' in r) return error(r.status, r.message ?? `injected ${r.status}`, r.retryAfter ? { retryAfter: r.retryAfter } : {});
    const text = request.json?.input?.text ?? request.json?.input?.ssml ?? '';
    const rate = request.json?.audioConfig?.sampleRateHertz ?? 24_000;
    const wav = wrapPcm16(Buffer.alloc(Math.round([...text].length * 0.1 * rate) * 2), rate);
    return { status: 200, body: JSON.stringify({ audioContent: wav.toString('base64') }) };
  }
}

function validate(json: TtsJson | undefined): string | undefined {
  const text = json?.input?.text ?? json?.input?.ssml;
  if (typeof text !== 'string' || text === '') return 'Either `input.text` or `input.ssml` must be set.';
  if (Buffer.byteLength(text) > TTS_MAX_INPUT_BYTES) {
    return `Either \`input.text\` or \`input.ssml\` is longer than the limit of ${TTS_MAX_INPUT_BYTES} bytes. This limit is different from quotas.`;
  }
  const languageCode = json?.voice?.languageCode;
  if (!languageCode) return 'Invalid VoiceSelectionParams: language_code is required.';
  const name = json?.voice?.name;
  if (name) {
    const m = VOICE_NAME.exec(name);
    if (!m || m[1] !== languageCode) return `Voice '${name}' does not exist for language code '${languageCode}'.`;
  }
  const encoding = json?.audioConfig?.audioEncoding;
  if (encoding === undefined || !ENCODINGS.has(encoding)) return 'AudioConfig.audio_encoding must be specified and supported.';
  const { speakingRate, pitch, volumeGainDb } = json?.audioConfig ?? {};
  if (speakingRate !== undefined && speakingRate !== 0 && !(speakingRate >= 0.25 && speakingRate <= 2)) return `speaking_rate (${speakingRate}) must be in the range [0.25, 2.0].`;
  if (pitch !== undefined && !(pitch >= -20 && pitch <= 20)) return `pitch (${pitch}) must be in the range [-20.0, 20.0].`;
  if (volumeGainDb !== undefined && !(volumeGainDb >= -96 && volumeGainDb <= 16)) return `volume_gain_db (${volumeGainDb}) must be in the range [-96.0, 16.0].`;
  return undefined;
}
