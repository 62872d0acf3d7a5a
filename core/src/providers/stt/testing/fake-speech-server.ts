import { ScriptedStubServer, type StubAnswer, type StubRequest } from '../../../testing/scripted-stub-server';

/**
 * A loopback stand-in for Google Cloud Speech-to-Text v1 as @google-cloud/speech calls it in REST
 * mode (`fallback: true`), for tests only:
 *
 *   POST /v1/speech:recognize?$alt=json;enum-encoding=int   { config, audio: { content } }
 *
 * Replies are scripted (results, or faults: HTTP status with an optional RetryInfo delay, or a
 * hang). Every request is recorded with its parsed JSON body.
 */

export type FakeSpeechReply =
  | { results: Array<{ alternatives: Array<{ transcript: string; confidence?: number }> }> }
  | { status: number; message?: string; retryDelay?: string }
  | { hang: true };

export type FakeSpeechRequest = StubRequest;

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class FakeSpeechServer extends ScriptedStubServer<FakeSpeechReply> {
  private constructor() {
    super({ method: 'POST', path: '/v1/speech:recognize' });
  }

  static start(): Promise<FakeSpeechServer> {
    return ScriptedStubServer.listen(new FakeSpeechServer());
  }

  get endpoint(): string {
    return this.url;
  }

  protected answer(reply: FakeSpeechReply | undefined): StubAnswer {
    const r = reply ?? { results: [] };
    if ('hang' in r) return 'hang';
    if ('status' in r) {
      const details = r.retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: r.retryDelay }] : [];
      return { status: r.status, body: JSON.stringify({ error: { code: r.status, message: r.message ?? `injected ${r.status}`, status: STATUS_NAMES[r.status] ?? 'UNKNOWN', details } }) };
    }
    return { status: 200, body: JSON.stringify({ ...r, totalBilledTime: '15s', requestId: '1234' }) };
  }
}
