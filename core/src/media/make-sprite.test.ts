import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureFrame, TV_RANGE } from './frame-stats';
import { makeSprite, spriteLayout } from './make-sprite';
import { probeVideo } from './probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool } from './run-media-tool';
import { cachedTestVideo } from './testing/test-videos';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ajimi-sprite-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('spriteLayout', () => {
  it.each([
    // duration, expected interval, count, columns, rows
    [5, 1, 5, 5, 1],
    [60, 1, 60, 10, 6],
    [100, 1, 100, 10, 10],
    [100.05, 1, 100, 10, 10],
    [101, 2, 51, 10, 6],
    [300, 3, 100, 10, 10],
    [301, 4, 76, 10, 8],
    [3600, 36, 100, 10, 10],
  ])('%d s → one tile per %d s, %d tiles in %d×%d', (duration, intervalSec, count, columns, rows) => {
    expect(spriteLayout(duration, 1920, 1080)).toEqual({ intervalSec, count, columns, rows, tileWidth: 160, tileHeight: 90 });
  });

  it('keeps portrait tiles portrait', () => {
    expect(spriteLayout(30, 1080, 1920)).toMatchObject({ tileWidth: 160, tileHeight: 284 });
  });
});

describe('makeSprite', () => {
  it('writes one JPEG grid whose size matches the index, one tile per second', async () => {
    const { path, timeline } = await cachedTestVideo({ durationSec: 24, width: 640, height: 360 });
    const out = join(dir, 'sprite.jpg');
    const sprite = await makeSprite(path, out);
    expect(sprite).toMatchObject({ intervalSec: 1, count: 24, columns: 10, rows: 3, tileWidth: 160, tileHeight: 90, width: 1600, height: 270 });
    expect(await probeVideo(out)).toMatchObject({ isStillImage: true, width: 1600, height: 270 });

    // The tile for the covered stretch is dark; the tile before it is not; the unused grid cells are empty.
    const raw = await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-i', out, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1']);
    const tileBrightness = (index: number) => {
      const col = index % 10;
      const row = Math.floor(index / 10);
      const tile = new Uint8Array((160 * 90 * 3) / 2);
      for (let y = 0; y < 90; y++) {
        tile.set(raw.stdout.subarray((row * 90 + y) * 1600 + col * 160, (row * 90 + y) * 1600 + col * 160 + 160), y * 160);
      }
      tile.fill(128, 160 * 90);
      return measureFrame(tile, 160, 90, TV_RANGE).brightness;
    };
    const dark = timeline.dark!;
    expect(tileBrightness(dark.start)).toBeLessThan(0.08);
    expect(tileBrightness(dark.start - 1)).toBeGreaterThan(0.2);
    expect(tileBrightness(dark.end)).toBeGreaterThan(0.2);
    expect(tileBrightness(23)).toBeGreaterThan(0.2);
    expect(tileBrightness(29)).toBeLessThan(0.08);
  });

  it('with several keyframes per tile, decodes only every n-th keyframe and still lines tiles up', async () => {
    const { path, timeline } = await cachedTestVideo({ durationSec: 24, width: 640, height: 360 });
    const sprite = await makeSprite(path, join(dir, 'sparse.jpg'), { maxTiles: 8, columns: 4 });
    expect(sprite).toMatchObject({ intervalSec: 3, count: 8, columns: 4, rows: 2, width: 640, height: 180 });
    const raw = await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-i', sprite.path, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1']);
    const tileMean = (index: number) => {
      const col = index % 4;
      const row = Math.floor(index / 4);
      let sum = 0;
      for (let y = 0; y < 90; y++) for (let x = 0; x < 160; x++) sum += raw.stdout[(row * 90 + y) * 640 + col * 160 + x]!;
      return sum / (160 * 90);
    };
    // Tile 4 starts at 12 s: the covered lens (12–14 s). Its neighbours show the scene.
    expect(timeline.dark).toEqual({ start: 12, end: 14 });
    expect(tileMean(4)).toBeLessThan(30);
    expect(tileMean(3)).toBeGreaterThan(60);
    expect(tileMean(5)).toBeGreaterThan(60);
  });

  it('makes portrait tiles for a rotated phone clip', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 180, height: 320, rotation: 90 });
    const sprite = await makeSprite(path, join(dir, 'portrait.jpg'));
    expect(sprite).toMatchObject({ tileWidth: 160, tileHeight: 284, count: 8, columns: 8, rows: 1, width: 1280, height: 284 });
    expect(await probeVideo(sprite.path)).toMatchObject({ width: 1280, height: 284 });
  });
});
