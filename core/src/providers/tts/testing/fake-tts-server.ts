import { ScriptedStubServer, type StubAnswer, type StubRequest } from '../../../testing/scripted-stub-server';
import { wrapPcm16 } from '../wav';

/**
 * A loopback stand-in for Google Cloud Text-to-Speech v1, for tests only:
 *
 *   POST /v1/text:synthesize   { input: { text }, voice, audioConfig } → { audioContent: base64 }
 *
 * By default it answers a WAV (LINEAR16 with header, as the real API does) of silence, 0.1 s per
 * character at the requested sample rate. Faults are scripted: an HTTP status (with Retry-After),
 * a raw body (malformed output), or a hang.
 */
export type FakeTtsReply = { ok: true } | { status: number; message?: string; retryAfter?: number } | { body: string } | { hang: true };

type TtsJson = { input?: { text?: string }; voice?: { languageCode?: string; name?: string }; audioConfig?: { audioEncoding?: string; sampleRateHertz?: number } };
export type FakeTtsRequest = StubRequest<TtsJson>;

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

  protected answer(reply: FakeTtsReply | undefined, request: FakeTtsRequest): StubAnswer {
    const r = reply ?? { ok: true };
    if ('hang' in r) return 'hang';
    if ('body' in r) return { status: 200, body: r.body };
    if ('status' in r) {
      return { status: r.status, body: JSON.stringify({ error: { code: r.status, message: r.message ?? `injected ${r.status}` } }), ...(r.retryAfter ? { headers: { 'retry-after': String(r.retryAfter) } } : {}) };
    }
    const text = request.json?.input?.text ?? '';
    const rate = request.json?.audioConfig?.sampleRateHertz ?? 24_000;
    const wav = wrapPcm16(Buffer.alloc(Math.round([...text].length * 0.1 * rate) * 2), rate);
    return { status: 200, body: JSON.stringify({ audioContent: wav.toString('base64') }) };
  }
}
