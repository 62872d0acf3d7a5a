import { ScriptedStubServer, type StubAnswer, type StubRequest } from '../../../testing/scripted-stub-server';
import { sniffAudioFormat } from '../audio-format';

/**
 * A loopback stand-in for Google Cloud Speech-to-Text v1 as @google-cloud/speech calls it in REST
 * mode (`fallback: true`), for tests only:
 *
 *   POST /v1/speech:recognize?$alt=json;enum-encoding=int   { config, audio: { content } }
 *
 *   (https://cloud.google.com/speech-to-text/docs/reference/rest/v1/speech/recognize)
 *
 * It rejects what the real API rejects: no credentials (403), no config.languageCode or no
 * audio (400), inline audio over 10 MB or over 1 minute (400, "Sync input too long"; the sync
 * limits at https://cloud.google.com/speech-to-text/quotas#content), measured from the FLAC/WAV header;
 * a config.encoding or sampleRateHertz that contradicts the FLAC/WAV header, a sample rate outside
 * 8000–48000, or audio without such a header and without both fields (400; RecognitionConfig and
 * AudioEncoding at https://cloud.google.com/speech-to-text/docs/reference/rest/v1/RecognitionConfig).
 * Replies are scripted (results, or faults: HTTP status with an optional RetryInfo delay, or a
 * hang). Every request is recorded with its parsed JSON body.
 */

export type FakeSpeechReply =
  | { results: Array<{ alternatives: Array<{ transcript: string; confidence?: number }> }> }
  | { status: number; message?: string; retryDelay?: string }
  | { hang: true };

type SpeechJson = { config?: { languageCode?: string; encoding?: string | number; sampleRateHertz?: number }; audio?: { content?: string; uri?: string } };
// google.cloud.speech.v1.RecognitionConfig.AudioEncoding: REST takes the name or, with enum-encoding=int, the number.
const ENCODING_NAMES: Record<number, string> = { 0: 'ENCODING_UNSPECIFIED', 1: 'LINEAR16', 2: 'FLAC', 3: 'MULAW', 4: 'AMR', 5: 'AMR_WB', 6: 'OGG_OPUS', 7: 'SPEEX_WITH_HEADER_BYTE', 8: 'MP3', 9: 'WEBM_OPUS' };
export type FakeSpeechRequest = StubRequest<SpeechJson>;

const MAX_SYNC_SECONDS = 60;
const MAX_SYNC_BYTES = 10 * 1024 * 1024;

function invalid(message: string): StubAnswer {
  return { status: 400, body: JSON.stringify({ error: { code: 400, message, status: 'INVALID_ARGUMENT', details: [] } }) };
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class FakeSpeechServer extends ScriptedStubServer<FakeSpeechReply, SpeechJson> {
  private constructor() {
    super({ method: 'POST', path: '/v1/speech:recognize' });
  }

  static start(): Promise<FakeSpeechServer> {
    return ScriptedStubServer.listen(new FakeSpeechServer());
  }

  get endpoint(): string {
    return this.url;
  }

  /** Seconds of audio in each accepted request, in order. */
  readonly acceptedSeconds: number[] = [];

  override reset(): void {
    super.reset();
    this.acceptedSeconds.length = 0;
  }

  protected answer(reply: FakeSpeechReply | undefined, request: FakeSpeechRequest): StubAnswer {
    if (!request.headers['x-goog-api-key'] && !request.headers.authorization) {
      return { status: 403, body: JSON.stringify({ error: { code: 403, message: 'The request is missing a valid API key.', status: 'PERMISSION_DENIED' } }) };
    }
    if (!request.json?.config?.languageCode) return invalid('Invalid recognition \'config\': language_code is required.');
    const content = request.json.audio?.content;
    if (!content && !request.json.audio?.uri) return invalid('RecognitionAudio not set.');
    if (content) {
      const bytes = Buffer.from(content, 'base64');
      const header = sniffAudioFormat(bytes);
      const seconds = header?.durationSec ?? 0;
      const { encoding, sampleRateHertz } = request.json.config;
      const encodingName = typeof encoding === 'number' ? ENCODING_NAMES[encoding] : encoding;
      if (sampleRateHertz !== undefined && sampleRateHertz !== 0 && !(sampleRateHertz >= 8000 && sampleRateHertz <= 48000)) {
        return invalid(`sample_rate_hertz (${sampleRateHertz}) must be between 8000 and 48000.`);
      }
      if (header) {
        if (encodingName && encodingName !== 'ENCODING_UNSPECIFIED' && encodingName !== header.encoding) {
          return invalid(`Specified ${encodingName} encoding does not match the ${header.encoding} audio header.`);
        }
        if (sampleRateHertz && sampleRateHertz !== header.sampleRateHertz) {
          return invalid(`sample_rate_hertz (${sampleRateHertz}) in RecognitionConfig must either be unspecified or match the value in the ${header.encoding === 'FLAC' ? 'FLAC' : 'WAV'} header (${header.sampleRateHertz}).`);
        }
      } else if (!encodingName || encodingName === 'ENCODING_UNSPECIFIED' || !sampleRateHertz) {
        return invalid('Must specify both encoding and sample_rate_hertz for audio without a FLAC or WAV header.');
      }
      if (bytes.length > MAX_SYNC_BYTES || seconds > MAX_SYNC_SECONDS) {
        return invalid("Sync input too long. For audio longer than 1 min use LongRunningRecognize with a 'uri' parameter.");
      }
      this.acceptedSeconds.push(seconds);
    }
    const r = reply ?? { results: [] };
    if ('hang' in r) return 'hang';
    if ('status' in r) {
      const details = r.retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: r.retryDelay }] : [];
      return { status: r.status, body: JSON.stringify({ error: { code: r.status, message: r.message ?? `injected ${r.status}`, status: STATUS_NAMES[r.status] ?? 'UNKNOWN', details } }) };
    }
    return { status: 200, body: JSON.stringify({ ...r, totalBilledTime: '15s', requestId: '1234' }) };
  }
}
