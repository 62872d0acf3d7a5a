import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installNetworkGuard } from '../../testing/network-guard';
import type { NetworkGuard } from '../../testing/network-guard';
import { sniffAudioFormat } from '../stt/audio-format';
import { createTextToSpeech, textToSpeechConfig } from './create-text-to-speech';
import { GoogleTextToSpeech } from './google-tts';
import type { GoogleTtsOptions } from './google-tts';
import { TtsError } from './text-to-speech';
import { FakeTtsServer } from './testing/fake-tts-server';

let fake: FakeTtsServer;
let guard: NetworkGuard;
let cacheDir: string;

beforeAll(async () => {
  guard = installNetworkGuard();
  fake = await FakeTtsServer.start();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-google-tts-'));
});
afterEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  guard.restore();
  fs.rmSync(cacheDir, { recursive: true, force: true });
  // Nothing left loopback during the whole file.
  expect(guard.offLoopback()).toEqual([]);
});

function client(options: Partial<GoogleTtsOptions> = {}): GoogleTextToSpeech {
  return new GoogleTextToSpeech({ cacheDir, apiKey: 'test-key', baseUrl: fake.baseUrl, timeoutMs: 2000, ...options });
}

describe('GoogleTextToSpeech (loopback stub)', () => {
  it('synthesizes LINEAR16 24 kHz with a ja-JP neural voice, and caches the result', async () => {
    const tts = client();
    const text = '強火で鍋をしっかり熱します。';
    const first = await tts.synthesize(text, { lang: 'ja' });
    expect(first.cached).toBe(false);
    expect(first.durationSec).toBeCloseTo([...text].length * 0.1, 3);
    expect(sniffAudioFormat(fs.readFileSync(first.audioPath))).toMatchObject({ encoding: 'LINEAR16', sampleRateHertz: 24_000, channels: 1 });
    const req = fake.requests[0]!;
    expect(req.headers['x-goog-api-key']).toBe('test-key');
    // The official client in REST mode: /v1/text:synthesize with enums as numbers (LINEAR16 = 1).
    expect(req.url).toBe('/v1/text:synthesize?$alt=json%3Benum-encoding=int');
    expect(req.json).toMatchObject({
      input: { text },
      voice: { languageCode: 'ja-JP', name: 'ja-JP-Neural2-B' },
      audioConfig: { audioEncoding: 1, sampleRateHertz: 24_000 },
    });
    const again = await client().synthesize(text, { lang: 'ja' });
    expect(again).toMatchObject({ cached: true, key: first.key, audioPath: first.audioPath });
    expect(fake.requests).toHaveLength(1);
    expect(guard.offLoopback()).toEqual([]);
  });

  it('uses the English voice for English lines', async () => {
    await client().synthesize('Listen to the sizzle.', { lang: 'en' });
    expect(fake.requests[0]!.json?.voice).toEqual({ languageCode: 'en-US', name: 'en-US-Neural2-D' });
  });

  it('429 is rate_limited with Retry-After', async () => {
    fake.reply({ status: 429, retryAfter: 7 });
    const err = await client().synthesize('429のテスト', { lang: 'ja' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TtsError);
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 7, retryable: true });
  });

  it('500 is unavailable (retryable), 400 rejected, 403 config', async () => {
    fake.reply({ status: 500 }, { status: 400, message: 'bad voice' }, { status: 403 });
    await expect(client().synthesize('五百', { lang: 'ja' })).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
    await expect(client().synthesize('四百', { lang: 'ja' })).rejects.toMatchObject({ kind: 'rejected', message: expect.stringMatching(/bad voice/) });
    await expect(client().synthesize('四百三', { lang: 'ja' })).rejects.toMatchObject({ kind: 'config', retryable: false });
  });

  it('a hang is a timeout', async () => {
    fake.reply({ hang: true });
    const started = Date.now();
    await expect(client({ timeoutMs: 300 }).synthesize('応答なし', { lang: 'ja' })).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('malformed output is invalid_output, and nothing is cached', async () => {
    fake.reply({ body: JSON.stringify({ audioContent: '%%% not base64 %%%' }) }, { body: '{"audioContent": 42}' }, { body: 'not json' }, { body: JSON.stringify({ audioContent: Buffer.from('RIFFjunk').toString('base64') }) });
    for (let i = 0; i < 4; i++) {
      await expect(client().synthesize('壊れた応答', { lang: 'ja' })).rejects.toMatchObject({ kind: 'invalid_output' });
    }
    const ok = await client().synthesize('壊れた応答', { lang: 'ja' });
    expect(ok.cached).toBe(false);
  });

  it('splits a line over the 5,000-byte request limit at sentence ends and joins the audio', async () => {
    const sentence = '強火で鍋をしっかり熱してから油を入れます。';
    const text = sentence.repeat(120); // 7,560 bytes: the stub (like the API) refuses it in one request
    const speech = await client().synthesize(text, { lang: 'ja' });
    expect(fake.accepted).toHaveLength(2);
    for (const r of fake.requests) expect(Buffer.byteLength(r.json!.input!.text!)).toBeLessThanOrEqual(5000);
    expect(speech.durationSec).toBeCloseTo([...text].length * 0.1, 3);
  });

  it('the stub refuses what the API refuses: over 5,000 bytes, an unknown voice, no credentials', async () => {
    const over = await fetch(`${fake.baseUrl}/v1/text:synthesize`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ input: { text: 'あ'.repeat(1700) }, voice: { languageCode: 'ja-JP' }, audioConfig: { audioEncoding: 'LINEAR16' } }),
    });
    expect(over.status).toBe(400);
    expect(await over.text()).toContain('longer than the limit of 5000 bytes');
    await expect(client({ voice: 'ja-JP-Neural9-Z' }).synthesize('声', { lang: 'ja' })).rejects.toMatchObject({ kind: 'rejected' });
    const anonymous = await fetch(`${fake.baseUrl}/v1/text:synthesize`, { method: 'POST', body: '{}' });
    expect(anonymous.status).toBe(403);
    await expect(client({ speakingRate: 3 }).synthesize('速すぎる', { lang: 'ja' })).rejects.toMatchObject({ kind: 'rejected' });
    const lowPitch = await fetch(`${fake.baseUrl}/v1/text:synthesize`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ input: { text: '低い' }, voice: { languageCode: 'ja-JP' }, audioConfig: { audioEncoding: 'LINEAR16', pitch: -25 } }),
    });
    expect(lowPitch.status).toBe(400);
  });

  it('the factory picks the provider from the configuration', () => {
    expect(createTextToSpeech(textToSpeechConfig({ tts: { provider: 'espeak' } }, cacheDir)).provider).toBe('espeak');
    const google = createTextToSpeech(textToSpeechConfig({ tts: { provider: 'google', apiKey: 'k', apiEndpoint: fake.baseUrl } }, cacheDir));
    expect(google.provider).toBe('google');
    expect(google.voice).toBe('ja-JP-Neural2-B');
  });
});
