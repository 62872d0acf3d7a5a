import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installNetworkGuard } from '../../testing/network-guard';
import type { NetworkGuard } from '../../testing/network-guard';
import { wrapPcm16 } from '../tts/wav';
import { GoogleSpeechToText } from './google-speech';
import { FakeSpeechServer } from './testing/fake-speech-server';
import { MAX_MEMO_SECONDS, MEMO_SEGMENT_SECONDS, transcribeWholeMemo } from './transcribe-whole-memo';

let fake: FakeSpeechServer;
let guard: NetworkGuard;
let dir: string;
let memo: string;
let stt: GoogleSpeechToText;

beforeAll(async () => {
  guard = installNetworkGuard();
  fake = await FakeSpeechServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-memo-'));
  // A 150-second memo as the phone records it (AAC in MP4).
  memo = path.join(dir, 'memo.m4a');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=150', '-c:a', 'aac', '-b:a', '48k', memo]);
  stt = new GoogleSpeechToText({ apiKey: 'test-speech-key', apiEndpoint: fake.endpoint, timeoutMs: 5_000 });
}, 60_000);
afterEach(() => fake.reset());
afterAll(async () => {
  await stt.close();
  await fake.close();
  guard.restore();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(guard.offLoopback()).toEqual([]);
});

describe('transcribeWholeMemo (Google Speech-to-Text stub)', () => {
  it('transcribes all 150 s of a memo in pieces under the 1-minute sync limit, joined in order', async () => {
    fake.reply(
      { results: [{ alternatives: [{ transcript: '最初に鍋を熱しました。', confidence: 0.9 }] }] },
      { results: [{ alternatives: [{ transcript: '卵を入れて混ぜました。', confidence: 0.8 }] }] },
      { results: [{ alternatives: [{ transcript: '最後は少し焦げました。', confidence: 0.7 }] }] },
    );
    const transcript = await transcribeWholeMemo(stt, memo, dir, { languageCode: 'ja-JP' });
    expect(transcript?.text).toBe('最初に鍋を熱しました。卵を入れて混ぜました。最後は少し焦げました。');
    expect(transcript!.confidence).toBeCloseTo(0.8, 2);
    expect(fake.acceptedSeconds).toHaveLength(3);
    for (const s of fake.acceptedSeconds) expect(s).toBeLessThanOrEqual(60);
    expect(fake.acceptedSeconds[0]).toBeCloseTo(MEMO_SEGMENT_SECONDS, 0);
    expect(fake.acceptedSeconds.reduce((a, b) => a + b, 0)).toBeCloseTo(150, 0);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('memo-'))).toEqual([]); // pieces cleaned up
  });

  it('transcribes a memo of the recorder’s full 180 s: four pieces, every second sent, none over the sync limit', async () => {
    const full = path.join(dir, 'memo-full.m4a');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `sine=frequency=300:duration=${MAX_MEMO_SECONDS}`, '-c:a', 'aac', '-b:a', '48k', full]);
    const words = ['鍋を熱した。', '油を入れた。', 'ご飯を炒めた。', '味をみた。'];
    fake.reply(...words.map((w) => ({ results: [{ alternatives: [{ transcript: w, confidence: 0.9 }] }] })));
    const transcript = await transcribeWholeMemo(stt, full, dir, { languageCode: 'ja-JP' });
    expect(transcript?.text).toBe(words.join(''));
    expect(fake.acceptedSeconds).toHaveLength(Math.ceil(MAX_MEMO_SECONDS / MEMO_SEGMENT_SECONDS));
    for (const s of fake.acceptedSeconds) expect(s).toBeLessThanOrEqual(60);
    expect(fake.acceptedSeconds.reduce((a, b) => a + b, 0)).toBeCloseTo(MAX_MEMO_SECONDS, 0);
    expect(fake.rejected).toEqual([]);
  }, 60_000);

  it('null when nothing is recognised in any piece', async () => {
    expect(await transcribeWholeMemo(stt, memo, dir)).toBeNull();
    expect(fake.requests).toHaveLength(3);
  });

  it('the stub refuses sync audio over 1 minute and requests without credentials, as the API does', async () => {
    const long = wrapPcm16(Buffer.alloc(61 * 16_000 * 2), 16_000);
    const body = JSON.stringify({ config: { languageCode: 'ja-JP' }, audio: { content: long.toString('base64') } });
    const res = await fetch(`${fake.endpoint}/v1/speech:recognize`, { method: 'POST', headers: { 'x-goog-api-key': 'k' }, body });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sync input too long');
    const anonymous = await fetch(`${fake.endpoint}/v1/speech:recognize`, { method: 'POST', body });
    expect(anonymous.status).toBe(403);

    // A config that contradicts the WAV header, and audio with no header and no config, are refused too.
    const short = wrapPcm16(Buffer.alloc(16_000 * 2), 16_000).toString('base64');
    const ask = (config: Record<string, unknown>, content = short) =>
      fetch(`${fake.endpoint}/v1/speech:recognize`, { method: 'POST', headers: { 'x-goog-api-key': 'k' }, body: JSON.stringify({ config: { languageCode: 'ja-JP', ...config }, audio: { content } }) });
    expect((await ask({ sampleRateHertz: 44_100 })).status).toBe(400);
    expect((await ask({ encoding: 'FLAC' })).status).toBe(400);
    expect((await ask({}, Buffer.from('not a wav or flac header at all').toString('base64'))).status).toBe(400);
    expect((await ask({ encoding: 1, sampleRateHertz: 16_000 })).status).toBe(200);
  });
});
