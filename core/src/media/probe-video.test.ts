import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError, type MediaErrorCode } from './media-error';
import { assertPlayableVideo, parseProbeOutput, probePlayableVideo, probeVideo, type VideoProbe } from './probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool } from './run-media-tool';
import { cachedTestVideo, ffmpegHasEncoder } from './testing/test-videos';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ajimi-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SHORT = { durationSec: 8, width: 320, height: 180 } as const;

async function expectMediaError(promise: Promise<unknown>, code: MediaErrorCode): Promise<MediaError> {
  const err = await promise.then(
    () => {
      throw new Error(`expected MediaError ${code}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MediaError);
  expect((err as MediaError).code).toBe(code);
  return err as MediaError;
}

describe('probeVideo on generated clips', () => {
  it('reads a landscape H.264 + AAC MP4', async () => {
    const { path } = await cachedTestVideo(SHORT);
    const probe = await probePlayableVideo(path);
    expect(probe).toMatchObject({
      hasVideo: true,
      isStillImage: false,
      width: 320,
      height: 180,
      codedWidth: 320,
      codedHeight: 180,
      rotation: 0,
      fps: 30,
      isVariableFrameRate: false,
      videoCodec: 'h264',
      audioCodec: 'aac',
      hasAudio: true,
      keyframeIntervalSec: 1,
      sizeBytes: (await stat(path)).size,
    });
    expect(probe.durationSec).toBeCloseTo(8, 1);
    expect(probe.formatName).toContain('mp4');
  });

  it('reports a portrait phone clip (landscape frames + display matrix) at its display size', async () => {
    const { path } = await cachedTestVideo({ ...SHORT, width: 180, height: 320, rotation: 90 });
    const probe = await probePlayableVideo(path);
    expect(probe).toMatchObject({ rotation: 90, width: 180, height: 320, codedWidth: 320, codedHeight: 180 });
  });

  it('handles 270° and 180° rotations', async () => {
    const p270 = await probePlayableVideo((await cachedTestVideo({ ...SHORT, width: 180, height: 320, rotation: 270 })).path);
    expect(p270).toMatchObject({ rotation: 270, width: 180, height: 320 });
    const p180 = await probePlayableVideo((await cachedTestVideo({ ...SHORT, rotation: 180 })).path);
    expect(p180).toMatchObject({ rotation: 180, width: 320, height: 180 });
  });

  it('detects a variable frame rate', async () => {
    const probe = await probePlayableVideo((await cachedTestVideo({ ...SHORT, vfr: true })).path);
    expect(probe.isVariableFrameRate).toBe(true);
    expect(probe.fps).toBeGreaterThan(15);
    expect(probe.fps).toBeLessThan(30);
  });

  it('reads a clip without audio', async () => {
    const probe = await probePlayableVideo((await cachedTestVideo({ ...SHORT, audio: false })).path);
    expect(probe).toMatchObject({ hasAudio: false, audioCodec: null, audioStreamIndex: null, videoCodec: 'h264' });
  });

  it('reads VP9 + Opus in WebM', async () => {
    const probe = await probePlayableVideo((await cachedTestVideo({ ...SHORT, codec: 'vp9' })).path);
    expect(probe).toMatchObject({ videoCodec: 'vp9', audioCodec: 'opus', width: 320, height: 180 });
    expect(probe.formatName).toContain('webm');
  });

  it('reads an iPhone-style HEVC .mov (hvc1), portrait', async (ctx) => {
    if (!(await ffmpegHasEncoder('libx265'))) ctx.skip();
    const probe = await probePlayableVideo((await cachedTestVideo({ ...SHORT, width: 180, height: 320, codec: 'hevc', rotation: 90 })).path);
    expect(probe).toMatchObject({ videoCodec: 'hevc', rotation: 90, width: 180, height: 320, hasAudio: true });
    expect(probe.formatName).toContain('mov');
  });

  it('rejects a frame larger than 4096 px on the long side', async () => {
    const path = join(dir, 'wide.mp4');
    await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-f', 'lavfi', '-i', 'color=c=gray:s=4112x64:r=2:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', path]);
    const err = await expectMediaError(probePlayableVideo(path), 'frame_too_large');
    expect(err.details).toMatchObject({ width: 4112, height: 64 });
  });
});

describe('probeVideo rejects what is not a playable video', () => {
  it('a zero-byte file: empty_file', async () => {
    const path = join(dir, 'empty.mp4');
    await writeFile(path, '');
    await expectMediaError(probeVideo(path), 'empty_file');
  });

  it('a missing file: file_not_found', async () => {
    await expectMediaError(probeVideo(join(dir, 'nope.mp4')), 'file_not_found');
  });

  it('a text file renamed .mp4: not_media', async () => {
    const path = join(dir, 'notes.mp4');
    await writeFile(path, 'Fried rice: 2 eggs, day-old rice, spring onion.\n'.repeat(50));
    const err = await expectMediaError(probeVideo(path), 'not_media');
    expect(err.status).toBe(422);
    expect(err.permanent).toBe(true);
    expect(err.messages.ja).toMatch(/動画ではない/);
    expect(err.messages.en).toMatch(/does not look like a video/);
  });

  it('an MP4 cut off in the middle (index at the end, never written): corrupt', async () => {
    const { path } = await cachedTestVideo(SHORT);
    const cut = join(dir, 'cut.mp4');
    const bytes = await readFile(path);
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectMediaError(probeVideo(cut), 'corrupt');
  });

  it('a faststart MP4 cut off in its media data (ffprobe alone calls it fine): corrupt', async () => {
    const { path } = await cachedTestVideo(SHORT);
    const fast = join(dir, 'fast.mp4');
    await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-i', path, '-c', 'copy', '-movflags', '+faststart', fast]);
    const size = (await stat(fast)).size;
    const fh = await open(fast, 'r+');
    await fh.truncate(Math.floor(size * 0.7));
    await fh.close();
    const err = await expectMediaError(probeVideo(fast), 'corrupt');
    expect(err.message).toMatch(/cut off/);
  });

  it('an audio-only file: no_video_stream', async () => {
    const path = join(dir, 'memo.m4a');
    await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-c:a', 'aac', path]);
    const probe = await probeVideo(path);
    expect(probe).toMatchObject({ hasVideo: false, hasAudio: true });
    await expectMediaError(probePlayableVideo(path), 'no_video_stream');
  });

  it('an audio file with cover art is still audio only: no_video_stream', async () => {
    const cover = join(dir, 'cover.png');
    const path = join(dir, 'song.mp3');
    await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-f', 'lavfi', '-i', 'testsrc=s=64x64', '-frames:v', '1', cover]);
    await runMediaTool('ffmpeg', [
      ...FFMPEG_BASE_ARGS,
      '-f',
      'lavfi',
      '-i',
      'sine=d=2',
      '-i',
      cover,
      '-map',
      '0',
      '-map',
      '1',
      '-c:a',
      'libmp3lame',
      '-c:v',
      'png',
      '-disposition:v',
      'attached_pic',
      path,
    ]);
    await expectMediaError(probePlayableVideo(path), 'no_video_stream');
  });

  it('a PNG image (ffprobe calls it a one-frame video): still_image', async () => {
    const path = join(dir, 'photo.png');
    await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-f', 'lavfi', '-i', 'testsrc=s=320x240', '-frames:v', '1', path]);
    const probe = await probeVideo(path);
    expect(probe.hasVideo).toBe(true);
    expect(probe.isStillImage).toBe(true);
    await expectMediaError(probePlayableVideo(path), 'still_image');
  });

  it('a JPEG renamed .mp4: still_image', async () => {
    const path = join(dir, 'photo.mp4');
    await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-f', 'lavfi', '-i', 'testsrc=s=320x240', '-frames:v', '1', '-f', 'mjpeg', path]);
    await expectMediaError(probePlayableVideo(path), 'still_image');
  });
});

function fakeProbe(overrides: Partial<VideoProbe>): VideoProbe {
  return { ...baseProbe(), ...overrides };
}
function baseProbe(): VideoProbe {
  return parseProbeOutput(
    {
      streams: [{ index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30/1', r_frame_rate: '30/1' }],
      format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '120.0' },
    },
    { sizeBytes: 1000 },
  );
}

describe('assertPlayableVideo limits', () => {
  it('accepts an ordinary probe', () => {
    expect(() => assertPlayableVideo(baseProbe())).not.toThrow();
  });
  it.each([
    [{ durationSec: 0 }, 'unknown_duration'],
    [{ durationSec: Number.NaN }, 'unknown_duration'],
    [{ durationSec: 60 * 60 + 1 }, 'too_long'],
    [{ width: 4320, height: 7680, codedWidth: 7680, codedHeight: 4320 }, 'frame_too_large'],
    [{ videoCodec: null }, 'unsupported_codec'],
  ] as const)('%j → %s', (overrides, code) => {
    const probe = fakeProbe(overrides as Partial<VideoProbe>);
    expect(() => assertPlayableVideo(probe)).toThrow(MediaError);
    try {
      assertPlayableVideo(probe);
    } catch (err) {
      expect((err as MediaError).code).toBe(code);
      expect((err as MediaError).messages.ja.length).toBeGreaterThan(5);
    }
  });
  it('accepts exactly 60 minutes and exactly 4096 px', () => {
    expect(() => assertPlayableVideo(fakeProbe({ durationSec: 3600, width: 4096, height: 2160, codedWidth: 4096, codedHeight: 2160 }))).not.toThrow();
  });
});

describe('parseProbeOutput', () => {
  const video = { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001', r_frame_rate: '30000/1001' };
  const format = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '12.5' };

  it('reads the display matrix (counter-clockwise −90 → 90° clockwise) and swaps the display size', () => {
    const p = parseProbeOutput({ streams: [{ ...video, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }], format }, { sizeBytes: 1 });
    expect(p).toMatchObject({ rotation: 90, width: 1080, height: 1920, codedWidth: 1920, codedHeight: 1080 });
    expect(p.fps).toBeCloseTo(29.97, 2);
  });

  it('reads the legacy `rotate` tag (older ffmpeg, some Android files)', () => {
    const p = parseProbeOutput({ streams: [{ ...video, tags: { rotate: '270' } }], format }, { sizeBytes: 1 });
    expect(p).toMatchObject({ rotation: 270, width: 1080, height: 1920 });
  });

  it('prefers the display matrix over the tag, and normalises 180 / -180 / 360', () => {
    const both = parseProbeOutput(
      { streams: [{ ...video, tags: { rotate: '90' }, side_data_list: [{ side_data_type: 'Display Matrix', rotation: 180 }] }], format },
      { sizeBytes: 1 },
    );
    expect(both.rotation).toBe(180);
    const m180 = parseProbeOutput({ streams: [{ ...video, side_data_list: [{ side_data_type: 'Display Matrix', rotation: -180 }] }], format }, { sizeBytes: 1 });
    expect(m180).toMatchObject({ rotation: 180, width: 1920, height: 1080 });
  });

  it('ignores cover art (attached_pic) and picks the main video stream', () => {
    const p = parseProbeOutput(
      {
        streams: [
          { index: 0, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '44100' },
          { index: 1, codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } },
        ],
        format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '200' },
      },
      { sizeBytes: 1 },
    );
    expect(p).toMatchObject({ hasVideo: false, hasAudio: true, audioCodec: 'aac', audioSampleRate: 44100 });
  });

  it('applies a non-square pixel aspect ratio to the display width', () => {
    const p = parseProbeOutput({ streams: [{ ...video, width: 1440, height: 1080, sample_aspect_ratio: '4:3' }], format }, { sizeBytes: 1 });
    expect(p).toMatchObject({ width: 1920, height: 1080, codedWidth: 1440 });
  });

  it('calls a one-frame stream a still image and a .txt "tty" format not media', () => {
    expect(parseProbeOutput({ streams: [{ ...video, nb_frames: '1' }], format }, { sizeBytes: 1 }).isStillImage).toBe(true);
    expect(() => parseProbeOutput({ streams: [], format: { format_name: 'tty' } }, { sizeBytes: 1 })).toThrow(MediaError);
  });

  it('derives VFR and the keyframe interval from packet times', () => {
    const cfr = Array.from({ length: 90 }, (_, i) => ({ t: i / 30, key: i % 30 === 0 }));
    const vfr = cfr.filter((_, i) => i % 5 !== 1 && i % 7 !== 3);
    const a = parseProbeOutput({ streams: [video], format }, { sizeBytes: 1, packets: new Map([[0, cfr]]) });
    expect(a).toMatchObject({ isVariableFrameRate: false, keyframeIntervalSec: 1 });
    const b = parseProbeOutput({ streams: [video], format }, { sizeBytes: 1, packets: new Map([[0, vfr]]) });
    expect(b.isVariableFrameRate).toBe(true);
  });
});
