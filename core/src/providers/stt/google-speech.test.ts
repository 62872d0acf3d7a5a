import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { wrapPcm16 } from '../tts/wav';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { installNetworkGuard } from '../../testing/network-guard';
import type { NetworkGuard } from '../../testing/network-guard';
import { sniffAudioFormat } from './audio-format';
import { createSpeechToText } from './create-speech-to-text';
import { GoogleSpeechToText } from './google-speech';
import type { GoogleSpeechOptions } from './google-speech';
import { NoSpeechToText } from './no-speech-to-text';
import { SpeechToTextError } from './speech-to-text';
import { FakeSpeechServer } from './testing/fake-speech-server';

let fake: FakeSpeechServer;
let guard: NetworkGuard;
let dir: string;
let wav: string;
let flac: string;
const clients: GoogleSpeechToText[] = [];

/** 16-bit PCM WAV of `seconds` of silence. */
function wavBytes(seconds: number, rate = 16_000, channels = 1): Buffer {
  return wrapPcm16(Buffer.alloc(Math.round(seconds * rate) * channels * 2), rate, channels);
}

/** A FLAC stream header (STREAMINFO only): 16 kHz, mono, 16-bit, `seconds` long. */
function flacHeader(seconds: number, rate = 16_000): Buffer {
  const b = Buffer.alloc(42);
  b.write('fLaC', 0, 'latin1');
  b[4] = 0x80; // last metadata block, type 0 (STREAMINFO)
  b.writeUIntBE(34, 5, 3);
  const samples = seconds * rate;
  b[18] = (rate >> 12) & 0xff;
  b[19] = (rate >> 4) & 0xff;
  b[20] = ((rate & 0x0f) << 4) | ((1 - 1) << 1) | ((16 - 1) >> 4);
  b[21] = (((16 - 1) & 0x0f) << 4) | Math.floor(samples / 2 ** 32);
  b.writeUInt32BE(samples % 2 ** 32, 22);
  return b;
}

function makeStt(overrides: Partial<GoogleSpeechOptions> = {}): GoogleSpeechToText {
  const stt = new GoogleSpeechToText({ apiKey: 'test-speech-key', apiEndpoint: fake.endpoint, timeoutMs: 5_000, ...overrides });
  clients.push(stt);
  return stt;
}

beforeAll(async () => {
  guard = installNetworkGuard();
  fake = await FakeSpeechServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-stt-'));
  wav = path.join(dir, 'memo.wav');
  flac = path.join(dir, 'memo.flac');
  fs.writeFileSync(wav, wavBytes(1.5));
  fs.writeFileSync(flac, flacHeader(12));
});

afterEach(() => fake.reset());

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  guard.restore();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(guard.hosts.length).toBeGreaterThan(0);
  expect(guard.offLoopback()).toEqual([]);
});

describe('sniffAudioFormat', () => {
  it('reads FLAC and WAV headers and refuses other formats', () => {
    expect(sniffAudioFormat(flacHeader(12))).toEqual({ encoding: 'FLAC', sampleRateHertz: 16_000, channels: 1, durationSec: 12 });
    expect(sniffAudioFormat(wavBytes(1.5, 16_000, 2))).toEqual({ encoding: 'LINEAR16', sampleRateHertz: 16_000, channels: 2, durationSec: 1.5 });
    expect(sniffAudioFormat(Buffer.from('\x00\x00\x00\x20ftypM4A '))).toBeNull();
  });
});

describe('GoogleSpeechToText (REST fallback) against a loopback Speech-to-Text stub', () => {
  it('transcribes a WAV memo in Japanese', async () => {
    fake.reply({
      results: [
        { alternatives: [{ transcript: '今日は火が弱かった', confidence: 0.9 }] },
        { alternatives: [{ transcript: 'と思います。', confidence: 0.6 }] },
      ],
    });
    const out = await makeStt().transcribe(wav, { languageCode: 'ja-JP' });
    expect(out?.text).toBe('今日は火が弱かったと思います。');
    expect(out?.confidence).toBeCloseTo((0.9 * 9 + 0.6 * 6) / 15, 6);

    const [req] = fake.requests;
    expect(req!.url).toMatch(/^\/v1\/speech:recognize\?/);
    expect(req!.headers['x-goog-api-key']).toBe('test-speech-key');
    const body = req!.json as { config: Record<string, unknown>; audio: { content: string } };
    expect(body.config).toMatchObject({ languageCode: 'ja-JP', sampleRateHertz: 16_000, audioChannelCount: 1, enableAutomaticPunctuation: true });
    expect([1, 'LINEAR16']).toContain(body.config.encoding);
    expect(Buffer.from(body.audio.content, 'base64').equals(fs.readFileSync(wav))).toBe(true);
  });

  it('sends FLAC with a service account (self-signed JWT, no token endpoint)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    // google-auth-library warns that `credentials` is deprecated; keep the test log quiet.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      fake.reply({ results: [{ alternatives: [{ transcript: '強火にしました', confidence: 0.8 }] }] });
      const stt = makeStt({ apiKey: undefined, credentials: { client_email: 'stt@ajimi-test.iam.gserviceaccount.com', private_key: privateKey } });
      expect(await stt.transcribe(flac)).toEqual({ text: '強火にしました', confidence: 0.8 });
      expect(fake.requests[0]!.headers.authorization).toMatch(/^Bearer ey/);
      expect((fake.requests[0]!.json as { config: { encoding: unknown } }).config.encoding).toSatisfy((e: unknown) => e === 2 || e === 'FLAC');
    } finally {
      warn.mockRestore();
      emit.mockRestore();
    }
  });

  it('returns null when nothing was recognised', async () => {
    fake.reply({ results: [] }, { results: [{ alternatives: [{ transcript: '  ' }] }] });
    const stt = makeStt();
    expect(await stt.transcribe(wav)).toBeNull();
    expect(await stt.transcribe(wav)).toBeNull();
  });

  it('maps 500 to unavailable without retrying, 429 to rate_limited, 400 to rejected', async () => {
    fake.reply({ status: 500, message: 'Internal error' }, { status: 429, retryDelay: '20s' }, { status: 400, message: 'bad encoding' });
    const stt = makeStt();
    const e500 = (await stt.transcribe(wav).catch((e: unknown) => e)) as SpeechToTextError;
    expect(e500).toBeInstanceOf(SpeechToTextError);
    expect(e500.kind).toBe('unavailable');
    expect(e500.retryable).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const e429 = (await stt.transcribe(wav).catch((e: unknown) => e)) as SpeechToTextError;
    expect([e429.kind, e429.retryAfterSeconds]).toEqual(['rate_limited', 20]);
    const e400 = (await stt.transcribe(wav).catch((e: unknown) => e)) as SpeechToTextError;
    expect(e400.kind).toBe('rejected');
    expect(fake.requests).toHaveLength(3);
  });

  it('times out a hanging request and honours an abort', async () => {
    fake.reply({ hang: true }, { hang: true });
    const started = Date.now();
    const err = (await makeStt({ timeoutMs: 300 })
      .transcribe(wav)
      .catch((e: unknown) => e)) as SpeechToTextError;
    expect(err.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = (await makeStt()
      .transcribe(wav, { signal: controller.signal })
      .catch((e: unknown) => e)) as SpeechToTextError;
    expect(aborted.kind).toBe('timeout');
  });

  it('refuses unconverted or too long memos before calling the API', async () => {
    const m4a = path.join(dir, 'memo.m4a');
    fs.writeFileSync(m4a, Buffer.from('\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00'));
    const long = path.join(dir, 'long.flac');
    fs.writeFileSync(long, flacHeader(90));
    const stt = makeStt();
    await expect(stt.transcribe(m4a)).rejects.toMatchObject({ kind: 'rejected' });
    await expect(stt.transcribe(long)).rejects.toMatchObject({ kind: 'rejected', message: expect.stringContaining('60 s') });
    // (On a loaded machine the previous test's aborted WAV request can still land here: only this test's memos count.)
    const earlierWav = fs.readFileSync(wav).toString('base64');
    expect(fake.requests.filter((r) => r.json?.audio?.content !== earlierWav)).toHaveLength(0);
  });
});

describe('offline default', () => {
  it('returns null so the typed note is used', async () => {
    expect(await new NoSpeechToText().transcribe(wav, { languageCode: 'ja-JP' })).toBeNull();
    expect(createSpeechToText(undefined).provider).toBe('none');
    expect(createSpeechToText({ apiKey: '' }).provider).toBe('none');
    const google = createSpeechToText({ apiKey: 'k', apiEndpoint: fake.endpoint });
    expect(google.provider).toBe('google');
    clients.push(google as GoogleSpeechToText);
  });
});
