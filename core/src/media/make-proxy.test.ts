import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTopLevelBoxes } from './iso-bmff';
import { makeProxy } from './make-proxy';
import { FFMPEG_BASE_ARGS, runMediaTool } from './run-media-tool';
import { cachedTestVideo, ffmpegHasEncoder } from './testing/test-videos';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ajimi-proxy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The display matrix / rotate tag of the first video stream, as ffprobe sees it. */
async function rotationTags(path: string): Promise<{ sideData: unknown[]; rotateTag: string | undefined }> {
  const r = await runMediaTool('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-of', 'json', path]);
  const stream = (JSON.parse(r.stdout.toString('utf8')) as { streams: Array<{ side_data_list?: unknown[]; tags?: Record<string, string> }> }).streams[0]!;
  return { sideData: stream.side_data_list ?? [], rotateTag: stream.tags?.rotate };
}

/** Frame timestamps of the first video stream. */
async function frameTimes(path: string): Promise<number[]> {
  const r = await runMediaTool('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', path]);
  return r.stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .sort((a, b) => a - b);
}

describe('makeProxy', () => {
  it('turns a 1080p clip into 720p H.264 + AAC, 30 fps constant, moov before mdat (faststart)', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 1920, height: 1080, fps: 25 });
    const out = join(dir, 'landscape.mp4');
    const progress: number[] = [];
    const result = await makeProxy(path, out, { onProgress: (f) => progress.push(f) });

    expect(result).toMatchObject({ width: 1280, height: 720, fps: 30, hasAudio: true });
    expect(result.durationSec).toBeCloseTo(8, 0);
    expect(result.probe).toMatchObject({
      videoCodec: 'h264',
      audioCodec: 'aac',
      pixelFormat: 'yuv420p',
      rotation: 0,
      isVariableFrameRate: false,
      keyframeIntervalSec: 2,
    });
    // faststart: the index (moov) sits before the media data (mdat), right after ftyp.
    const { boxes, truncated } = await listTopLevelBoxes(out);
    expect(truncated).toBe(false);
    const order = boxes.map((b) => b.type).filter((t) => t !== 'free');
    expect(order.slice(0, 3)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(1);
    // No temporary files left behind.
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('applies a portrait phone rotation to the pixels and leaves no rotation tag', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 1080, height: 1920, rotation: 90 });
    const out = join(dir, 'portrait.mp4');
    const result = await makeProxy(path, out);
    expect(result).toMatchObject({ width: 720, height: 1280 });
    expect(result.probe).toMatchObject({ rotation: 0, codedWidth: 720, codedHeight: 1280 });
    const tags = await rotationTags(out);
    expect(tags.rotateTag).toBeUndefined();
    expect(tags.sideData.filter((d) => (d as { side_data_type?: string }).side_data_type === 'Display Matrix')).toEqual([]);
  });

  it('makes a variable-frame-rate clip constant 30 fps', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 320, height: 180, vfr: true });
    const out = join(dir, 'vfr.mp4');
    const result = await makeProxy(path, out);
    expect(result.probe.isVariableFrameRate).toBe(false);
    const times = await frameTimes(out);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    for (const g of gaps) expect(g).toBeCloseTo(1 / 30, 3);
    expect(times.length).toBeGreaterThanOrEqual(239);
    // Small sources are never upscaled.
    expect(result).toMatchObject({ width: 320, height: 180 });
  });

  it('writes no audio track when the source has none', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 320, height: 180, audio: false });
    const result = await makeProxy(path, join(dir, 'silent.mp4'));
    expect(result.hasAudio).toBe(false);
    expect(result.probe.audioCodec).toBeNull();
  });

  it('converts VP9/WebM too', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 320, height: 180, codec: 'vp9' });
    const result = await makeProxy(path, join(dir, 'webm.mp4'));
    expect(result.probe).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac' });
  });

  it('tone-maps an HDR (HLG, 10-bit HEVC) clip to SDR BT.709', async (ctx) => {
    if (!(await ffmpegHasEncoder('libx265'))) ctx.skip();
    const hdr = join(dir, 'hdr.mov');
    await runMediaTool('ffmpeg', [
      ...FFMPEG_BASE_ARGS,
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=320x180:r=30:d=2',
      '-c:v',
      'libx265',
      '-preset',
      'ultrafast',
      '-x265-params',
      'log-level=error',
      '-pix_fmt',
      'yuv420p10le',
      '-color_primaries',
      'bt2020',
      '-color_trc',
      'arib-std-b67',
      '-colorspace',
      'bt2020nc',
      '-tag:v',
      'hvc1',
      hdr,
    ]);
    const result = await makeProxy(hdr, join(dir, 'hdr.mp4'));
    expect(result.probe).toMatchObject({ isHdr: false, pixelFormat: 'yuv420p', colorTransfer: 'bt709' });
  });

  it('stops ffmpeg on abort and leaves no file', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 1920, height: 1080, fps: 25 });
    const out = join(dir, 'aborted.mp4');
    const controller = new AbortController();
    const run = makeProxy(path, out, { signal: controller.signal, onProgress: () => controller.abort(new Error('cancelled')) });
    await expect(run).rejects.toThrow('cancelled');
    expect(existsSync(out)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.startsWith('aborted'))).toEqual([]);
  });
});
