import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTopLevelBoxes } from '../media/iso-bmff';
import { probeVideo } from '../media/probe-video';
import { cachedTestVideo } from '../media/testing/test-videos';
import type { RenderInput, RenderSegment } from './render-input';
import { renderSegment } from './render-segment';
import { renderVideo } from './render-video';
import { decodeMono, frameRgb, makeToneWav, windowDb } from './testing/render-fixtures';

let dir: string;
let assetDir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ajimi-render-'));
  assetDir = join(dir, 'cache', 'audio');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const card = (title: string, durationSec: number, extra: Partial<RenderSegment> = {}): RenderSegment => ({
  kind: 'diagnosis',
  durationSec,
  background: { type: 'card', title, subtitle: 'セッション 3 — Kenji さんへ' },
  narration: [],
  captions: [],
  music: false,
  applause: false,
  ...extra,
});

// FFmpeg encodes at 1280×720 in every test: 7–26 s each on a loaded 2-core machine, over the default
// 30 s when the machine is busier; 120 s leaves room without hiding a hung encoder for long.
const FFMPEG_TEST = { timeout: 120_000 };

describe('renderSegment', FFMPEG_TEST, () => {
  it('renders a card with Japanese, Latin, quotes, colons and percent signs as 1280×720 H.264/AAC of the right length', async () => {
    const out = join(dir, 'card.mp4');
    const progress: number[] = [];
    const segment = card(`炒飯の「パラパラ」: It's all about "heat" — 100% 強火!`, 3, {
      captions: [{ text: `油が温まってから卵を入れましょう。"Hot pan, cold oil": that's the rule; [really] \\ 50%`, startSec: 0.5, endSec: 2.5 }],
      music: true,
      applause: true,
    });
    // A work directory whose name needs filtergraph escaping (the text files live in it).
    const oddDir = join(dir, "it's: [odd], dir; 100%");
    await mkdir(oddDir);
    const result = await renderSegment(segment, out, { workDir: oddDir, assetDir, onProgress: (f) => progress.push(f) });
    expect(result.durationSec).toBe(3);
    const probe = await probeVideo(out);
    expect(probe).toMatchObject({ width: 1280, height: 720, videoCodec: 'h264', audioCodec: 'aac', audioSampleRate: 48000, audioChannels: 2, pixelFormat: 'yuv420p' });
    expect(Math.abs(probe.durationSec - 3)).toBeLessThanOrEqual(0.1);
    expect(Math.round(probe.fps)).toBe(30);
    expect(progress.at(-1)).toBe(1);
    // The caption box is drawn in the lower part of the frame while the caption is on.
    const withCaption = await frameRgb(out, 1.5);
    const without = await frameRgb(out, 2.8);
    let differing = 0;
    for (let y = 560; y < 700; y += 4) for (let x = 100; x < 1180; x += 4) {
      const i = (y * 1280 + x) * 3;
      if (Math.abs(withCaption[i]! - without[i]!) > 30) differing++;
    }
    expect(differing).toBeGreaterThan(500);
  });

  it('pillarboxes a portrait source and keeps it in the middle', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 360, height: 640, dark: false });
    const out = join(dir, 'portrait.mp4');
    await renderSegment(
      { ...card('', 2), kind: 'clip', background: { type: 'source', path, ranges: [{ start: 1, end: 3 }], rate: 1, sourceVolume: 0.5 } },
      out,
      { workDir: dir, assetDir },
    );
    const probe = await probeVideo(out);
    expect(Math.abs(probe.durationSec - 2)).toBeLessThanOrEqual(0.1);
    const rgb = await frameRgb(out, 1);
    const px = (x: number, y: number) => [...rgb.subarray((y * 1280 + x) * 3, (y * 1280 + x) * 3 + 3)];
    // 360×640 scaled to 405×720: the picture spans x ≈ 437…842; the rest is the black pad.
    for (const x of [0, 50, 200, 400, 880, 1100, 1279]) {
      for (const y of [0, 360, 719]) for (const c of px(x, y)) expect(c).toBeLessThan(20);
    }
    // The counter (wood) at the picture's top-left corner and the pan in the middle are not pad.
    expect(Math.max(...px(460, 30))).toBeGreaterThan(60);
    expect(Math.max(...px(640, 250))).toBeGreaterThan(25);
  });

  it('text over darkened footage, a slowed range, and the marker only during the replay', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 640, height: 360, dark: false });
    const plain = join(dir, 'footage-plain.mp4');
    const over = join(dir, 'footage-over.mp4');
    // 1 s at 1× then 1 s of source at 0.5× = 3 s; the marker from 1 s to the end.
    const ranges = [{ start: 2, end: 3 }, { start: 3, end: 4, rate: 0.5 }];
    const marker = { x: 400, y: 200, w: 300, h: 200, startSec: 1, endSec: 3 };
    await renderSegment({ ...card('', 3), kind: 'clip', background: { type: 'source', path, ranges, rate: 1 } }, plain, { workDir: dir, assetDir });
    await renderSegment(
      { ...card('', 3), kind: 'clip', background: { type: 'source', path, ranges, rate: 1, dim: 0.55 }, title: { title: '今回のポイント', subtitle: 'チャーハン' }, marker },
      over,
      { workDir: dir, assetDir },
    );
    expect(Math.abs((await probeVideo(over)).durationSec - 3)).toBeLessThanOrEqual(0.1);
    const luma = (rgb: Buffer, x: number, y: number) => {
      const i = (y * 1280 + x) * 3;
      return 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
    };
    const [a, b] = [await frameRgb(plain, 0.5), await frameRgb(over, 0.5)];
    // Darkened away from the text; the title's white ink somewhere in its band.
    expect(luma(b, 100, 650)).toBeLessThan(luma(a, 100, 650) * 0.6 + 2);
    // Darker, not greyer: the colour's spread shrinks with the light (as the preview's black overlay does it).
    const spread = (rgb: Buffer, x: number, y: number) => Math.max(...rgb.subarray((y * 1280 + x) * 3, (y * 1280 + x) * 3 + 3)) - Math.min(...rgb.subarray((y * 1280 + x) * 3, (y * 1280 + x) * 3 + 3));
    expect(spread(b, 100, 650)).toBeGreaterThan(spread(a, 100, 650) * 0.45 - 6);
    let bright = 0;
    for (let x = 300; x < 980; x += 2) if (luma(b, x, 330) > 200 || luma(b, x, 300) > 200) bright++;
    expect(bright).toBeGreaterThan(5);
    // The marker's yellow outline during the replay, not before it.
    const yellow = (rgb: Buffer, x: number, y: number) => {
      const i = (y * 1280 + x) * 3;
      return rgb[i]! > 200 && rgb[i + 1]! > 170 && rgb[i + 2]! < 120;
    };
    expect(yellow(await frameRgb(over, 2), 402, 300)).toBe(true);
    expect(yellow(b, 402, 300)).toBe(false);
  }, 120_000);

  it('places a narration line at its offset', async () => {
    const tone = await makeToneWav(join(dir, 'line.wav'), 1);
    const out = join(dir, 'narration.mp4');
    await renderSegment(card('ナレーション', 3.5, { narration: [{ audioPath: tone, startSec: 1.5 }] }), out, { workDir: dir, assetDir });
    const sr = 8000;
    const pcm = await decodeMono(out, sr);
    expect(windowDb(pcm, sr, 0, 1.4)).toBeLessThan(-60);
    // The tone is about −27 dBFS (lavfi's sine is at 1/8 scale, then halved).
    expect(windowDb(pcm, sr, 1.6, 2.4)).toBeGreaterThan(-35);
    expect(windowDb(pcm, sr, 2.7, 3.4)).toBeLessThan(-60);
    // The onset: the first 50 ms window above −50 dB starts at 1.5 s (±50 ms).
    let onset = -1;
    for (let t = 0; t < 3.5; t += 0.05) {
      if (windowDb(pcm, sr, t, t + 0.05) > -50) {
        onset = t;
        break;
      }
    }
    expect(Math.abs(onset - 1.5)).toBeLessThanOrEqual(0.06);
  });

  it('ducks the music under narration', async () => {
    // Narration is a 3 kHz tone; below 1.5 kHz is (almost) only the music.
    const tone = await makeToneWav(join(dir, 'tone3k.wav'), 2, 3000);
    const out = join(dir, 'duck.mp4');
    await renderSegment(card('音楽', 6, { music: true, narration: [{ audioPath: tone, startSec: 3 }] }), out, { workDir: dir, assetDir });
    const sr = 8000;
    const music = await decodeMono(out, sr, 'lowpass=f=1500,lowpass=f=1500');
    const before = windowDb(music, sr, 1.2, 2.9);
    const during = windowDb(music, sr, 3.5, 4.9);
    expect(before).toBeGreaterThan(-40);
    expect(before - during).toBeGreaterThan(8);
  });

  it('rejects an aborted render', async () => {
    const controller = new AbortController();
    controller.abort(new Error('superseded'));
    await expect(renderSegment(card('中止', 2), join(dir, 'aborted.mp4'), { workDir: dir, assetDir, signal: controller.signal })).rejects.toThrow(
      'superseded',
    );
    expect(existsSync(join(dir, 'aborted.mp4'))).toBe(false);
  });
});

describe('renderVideo', FFMPEG_TEST, () => {
  it('joins segments, re-renders only a changed one, and writes a faststart MP4 with a poster', async () => {
    const tone = await makeToneWav(join(dir, 'line2.wav'), 0.8, 330);
    const { path: source } = await cachedTestVideo({ durationSec: 8, width: 640, height: 360, dark: false });
    const input: RenderInput = {
      segments: [
        { kind: 'intro', durationSec: 2, background: { type: 'source', path: source, ranges: [{ start: 0, end: 4 }, { start: 5, end: 8 }], rate: 3.5 }, narration: [{ audioPath: tone, startSec: 0.3 }], captions: [], music: true, applause: false },
        card('今日のポイント', 3, { narration: [{ audioPath: tone, startSec: 1 }], captions: [{ text: '強火で一気に', startSec: 0.5, endSec: 2.5 }] }),
        { ...card('よくできました！', 2), kind: 'outro', music: true, applause: true },
      ],
    };
    const cacheDir = join(dir, 'cache');
    const progress: number[] = [];
    const first = await renderVideo(input, { cacheDir, workDir: join(dir, 'work'), outputPath: join(dir, 'out', 'v1.mp4'), onProgress: (f) => progress.push(f) });
    expect(first.segments.map((s) => s.cached)).toEqual([false, false, false]);
    expect(Math.abs(first.durationSec - 7)).toBeLessThanOrEqual(0.1);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);

    const probe = await probeVideo(first.path);
    expect(probe).toMatchObject({ width: 1280, height: 720, videoCodec: 'h264', audioCodec: 'aac' });
    const boxes = (await listTopLevelBoxes(first.path)).boxes.map((b) => b.type);
    expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    const poster = await readFile(first.posterPath);
    expect(poster.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    const edited: RenderInput = {
      segments: input.segments.map((s, i) => (i === 1 ? { ...s, captions: [{ text: '強火で一気に炒める', startSec: 0.5, endSec: 2.5 }] } : s)),
    };
    const second = await renderVideo(edited, { cacheDir, workDir: join(dir, 'work'), outputPath: join(dir, 'out', 'v2.mp4') });
    expect(second.segments.map((s) => s.cached)).toEqual([true, false, true]);
    expect(second.segments[0]!.hash).toBe(first.segments[0]!.hash);
    expect(second.segments[1]!.hash).not.toBe(first.segments[1]!.hash);
    expect(Math.abs(second.durationSec - 7)).toBeLessThanOrEqual(0.1);
  });
});
