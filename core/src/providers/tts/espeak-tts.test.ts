import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffAudioFormat } from '../stt/audio-format';
import { EspeakTextToSpeech } from './espeak-tts';
import { japaneseReading, spellLatin, stripEmoji } from './japanese-reading';
import { TtsError } from './text-to-speech';

let cacheDir: string;
let tts: EspeakTextToSpeech;
beforeAll(() => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-espeak-'));
  tts = new EspeakTextToSpeech({ cacheDir });
});
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe('japaneseReading', () => {
  it('reads kanji as katakana, particles as spoken, and uses the override dictionary', async () => {
    const { kana } = await japaneseReading('味見は強火で炒めます。');
    expect(kana).toMatch(/^アジミワ ツヨビ ?デ イタメマス。$/);
    expect((await japaneseReading('卵に注目')).kana).toBe('タマゴニ チューモク');
  });

  it('strips emoji and spells Latin letters instead of failing', async () => {
    const { kana, unread } = await japaneseReading('IHコンロで🔥👍🏽ジュージュー！Ajimi');
    expect(kana).not.toMatch(/[\p{Extended_Pictographic}A-Za-z]/u);
    expect(kana).toContain('アイエイチ');
    expect(kana).toContain(spellLatin('Ajimi'));
    expect(unread).toEqual([]);
    expect(stripEmoji('🍳卵❤️‍🔥です👨‍👩‍👧')).toBe('卵 です');
  });

  it('accepts a custom override dictionary', async () => {
    expect((await japaneseReading('味見', { overrides: { 味見: 'あじみ' } })).kana).toBe('アジミ');
  });
});

describe('EspeakTextToSpeech', () => {
  it('writes a 24 kHz mono WAV whose duration grows with the text', async () => {
    const short = await tts.synthesize('強火です。', { lang: 'ja' });
    const long = await tts.synthesize('強火で鍋をしっかり熱してから、卵を入れて手早く混ぜましょう。', { lang: 'ja' });
    const format = sniffAudioFormat(fs.readFileSync(long.audioPath));
    expect(format).toMatchObject({ encoding: 'LINEAR16', sampleRateHertz: 24_000, channels: 1 });
    expect(format?.durationSec).toBeCloseTo(long.durationSec, 6);
    expect(short.durationSec).toBeGreaterThan(0.3);
    expect(long.durationSec).toBeGreaterThan(short.durationSec * 2);
    expect(long.key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hits the cache on a repeat, and shares one synthesis between concurrent identical requests', async () => {
    const text = 'ジュッという音を聞いてください。';
    const [a, b] = await Promise.all([tts.synthesize(text, { lang: 'ja' }), tts.synthesize(text, { lang: 'ja' })]);
    expect(a).toBe(b);
    expect(a.cached).toBe(false);
    const mtime = fs.statSync(a.audioPath).mtimeMs;
    const again = await new EspeakTextToSpeech({ cacheDir }).synthesize(text, { lang: 'ja' });
    expect(again).toMatchObject({ cached: true, audioPath: a.audioPath, key: a.key, durationSec: a.durationSec });
    expect(fs.statSync(a.audioPath).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(path.dirname(a.audioPath)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('speaks English and mixed text with emoji', async () => {
    const en = await tts.synthesize('Watch the rice turn glossy 🍚.', { lang: 'en' });
    expect(en.durationSec).toBeGreaterThan(0.5);
    const mixed = await tts.synthesize('IHコンロでも🔥音が大事です。', { lang: 'ja' });
    expect(mixed.durationSec).toBeGreaterThan(0.5);
  });

  it('rejects text with nothing to read', async () => {
    await expect(tts.synthesize('🔥🔥', { lang: 'ja' })).rejects.toMatchObject({ kind: 'rejected' });
  });

  it('fails with tool_missing when espeak-ng is not installed', async () => {
    const missing = new EspeakTextToSpeech({ cacheDir, command: '/nonexistent/espeak-ng' });
    const err = await missing.synthesize('テスト', { lang: 'ja' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TtsError);
    expect(err).toMatchObject({ kind: 'tool_missing', retryable: false });
    expect((err as Error).message).toMatch(/apt-get install espeak-ng/);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(tts.synthesize('中止します。', { lang: 'ja', signal: controller.signal })).rejects.toMatchObject({ kind: 'timeout' });
  });
});
