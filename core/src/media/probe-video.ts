import { open, stat } from 'node:fs/promises';
import { durationFromPackets } from './duration-from-packets';
import { listTopLevelBoxes, looksLikeIsoBmff } from './iso-bmff';
import { MediaError } from './media-error';
import { runMediaTool, type MediaCallOptions } from './run-media-tool';

/** What ingest needs to know about an upload, from ffprobe (plus a container integrity check). */
export interface VideoProbe {
  hasVideo: boolean;
  /** The only frame of a picture (PNG, JPEG, …) that ffprobe reports as a "video" stream. */
  isStillImage: boolean;
  durationSec: number;
  /** Display size: after rotation and the pixel aspect ratio are applied. 0 without video. */
  width: number;
  height: number;
  /** Size of the decoded picture before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** Clockwise degrees a player turns the coded picture to show it upright. */
  rotation: 0 | 90 | 180 | 270;
  /** Average frame rate (frames / duration). */
  fps: number;
  isVariableFrameRate: boolean;
  /** The stream reorders frames (B-frames): decode order differs from display order (seen in the first packets). */
  hasBFrames: boolean;
  /** Typical seconds between keyframes over the first 10 s; null when fewer than two were seen. */
  keyframeIntervalSec: number | null;
  /** Timestamp of the first packet (ffmpeg rebases outputs to it). Usually 0. */
  startTimeSec: number;
  videoCodec: string | null;
  /** Absolute stream index of the main video stream (for -map 0:N). */
  videoStreamIndex: number | null;
  pixelFormat: string | null;
  /** Full-range ("pc", JPEG levels 0–255) or limited-range ("tv", 16–235) luma. */
  colorRange: 'tv' | 'pc';
  colorTransfer: string | null;
  /** HLG or PQ: an iPhone "HDR" clip that needs tone mapping to look right in SDR. */
  isHdr: boolean;
  frameCount: number | null;
  audioCodec: string | null;
  audioStreamIndex: number | null;
  hasAudio: boolean;
  audioSampleRate: number | null;
  audioChannels: number | null;
  sizeBytes: number;
  /** ffprobe's demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm". */
  formatName: string;
  bitRate: number | null;
}

export type PlayableVideoProbe = VideoProbe & {
  hasVideo: true;
  isStillImage: false;
  videoCodec: string;
  videoStreamIndex: number;
};

/** Limits for what ingest accepts. */
export const VIDEO_LIMITS = {
  maxDurationSec: 60 * 60,
  maxLongSidePx: 4096,
} as const;

interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  pix_fmt?: string;
  color_range?: string;
  color_transfer?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  nb_frames?: string;
  has_b_frames?: number;
  sample_rate?: string;
  channels?: number;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number | string }>;
}
interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; start_time?: string; duration?: string; size?: string; bit_rate?: string; nb_streams?: number };
}

/**
 * Probes a file with ffprobe. Throws MediaError only when the file cannot be read as media at all
 * (file_not_found, empty_file, not_media, corrupt); whether it is a usable video is
 * `assertPlayableVideo`'s call, so the caller can still log what the file was.
 */
export async function probeVideo(path: string, options: MediaCallOptions = {}): Promise<VideoProbe> {
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new MediaError('file_not_found');
    sizeBytes = info.size;
  } catch (err) {
    if (err instanceof MediaError) throw err;
    throw new MediaError('file_not_found', { cause: err });
  }
  if (sizeBytes === 0) throw new MediaError('empty_file');

  const head = await readHead(path, 192);
  const isoBmff = looksLikeIsoBmff(head);
  if (isoBmff) {
    const boxes = await listTopLevelBoxes(path);
    if (boxes.truncated || boxes.malformed) {
      throw new MediaError('corrupt', {
        message: boxes.truncated
          ? `The video file is cut off: it ends at ${boxes.fileSize} bytes, inside its "${boxes.boxes.at(-1)?.type ?? '?'}" box.`
          : 'The video file is damaged: its box structure is invalid.',
        details: { sizeBytes },
      });
    }
  }

  const [main, packets] = await Promise.all([
    runMediaTool(
      'ffprobe',
      ['-hide_banner', '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      { ...options, allowFailure: true },
    ),
    // Video packet timestamps and keyframe flags of the first 10 s (demuxing only, no decoding):
    // the honest test for a variable frame rate, B-frames and the keyframe interval.
    runMediaTool(
      'ffprobe',
      ['-hide_banner', '-v', 'error', '-select_streams', 'V', '-read_intervals', '%+10', '-show_entries', 'packet=stream_index,pts_time,flags', '-of', 'csv=p=0', path],
      { ...options, allowFailure: true },
    ),
  ]);

  let parsed: FfprobeOutput | undefined;
  if (main.exitCode === 0) {
    try {
      parsed = JSON.parse(main.stdout.toString('utf8')) as FfprobeOutput;
    } catch {
      parsed = undefined;
    }
  }
  if (!parsed?.format || !parsed.streams) {
    const knownContainer = isoBmff || looksLikeOtherVideoContainer(head);
    throw new MediaError(knownContainer ? 'corrupt' : 'not_media', {
      message: knownContainer
        ? `The video file is damaged or cut off (${describeProbeFailure(main.stderr)}).`
        : undefined,
      toolOutput: main.stderr,
      details: { sizeBytes },
    });
  }

  const packetInfo = packets.exitCode === 0 ? parsePackets(packets.stdout.toString('utf8')) : new Map<number, PacketInfo[]>();
  const probe = parseProbeOutput(parsed, { sizeBytes, packets: packetInfo });
  // A browser-recorded WebM (Cook Cam) states no duration: its packets do.
  if (!(probe.durationSec > 0) && probe.hasVideo && !probe.isStillImage) {
    const durationSec = await durationFromPackets(path, options);
    if (durationSec) return { ...probe, durationSec };
  }
  return probe;
}

/** Probe, then reject anything that is not a playable video. */
export async function probePlayableVideo(path: string, options: MediaCallOptions = {}): Promise<PlayableVideoProbe> {
  const probe = await probeVideo(path, options);
  assertPlayableVideo(probe);
  return probe;
}

/**
 * Throws a MediaError unless the probe describes a video ingest can work with: a real moving
 * picture (not audio only, not a still image), a known duration up to 60 minutes, and a frame of
 * at most 4096 px on the long side.
 */
export function assertPlayableVideo(probe: VideoProbe): asserts probe is PlayableVideoProbe {
  if (!probe.hasVideo || probe.videoStreamIndex === null) {
    throw new MediaError('no_video_stream', { details: { hasAudio: probe.hasAudio, formatName: probe.formatName } });
  }
  if (probe.isStillImage) throw new MediaError('still_image', { details: { formatName: probe.formatName } });
  if (!probe.videoCodec || probe.videoCodec === 'none') {
    throw new MediaError('unsupported_codec', { details: { formatName: probe.formatName } });
  }
  if (!Number.isFinite(probe.durationSec) || probe.durationSec <= 0) throw new MediaError('unknown_duration');
  if (probe.durationSec > VIDEO_LIMITS.maxDurationSec) {
    throw new MediaError('too_long', {
      message: `The video is ${Math.round(probe.durationSec / 60)} minutes long; the limit is ${VIDEO_LIMITS.maxDurationSec / 60} minutes.`,
      details: { durationSec: probe.durationSec, maxDurationSec: VIDEO_LIMITS.maxDurationSec },
    });
  }
  const longSide = Math.max(probe.width, probe.height, probe.codedWidth, probe.codedHeight);
  if (longSide > VIDEO_LIMITS.maxLongSidePx) {
    throw new MediaError('frame_too_large', {
      message: `The video is ${probe.width}×${probe.height}; at most ${VIDEO_LIMITS.maxLongSidePx} pixels on the long side are accepted.`,
      details: { width: probe.width, height: probe.height, maxLongSidePx: VIDEO_LIMITS.maxLongSidePx },
    });
  }
  if (probe.width <= 0 || probe.height <= 0) throw new MediaError('corrupt', { message: 'The video reports no frame size.' });
}

// Demuxers that read single pictures (image2, png_pipe, jpeg_pipe, webp_pipe, …) and the ANSI
// text demuxer (which happily "plays" a .txt file as a video of characters).
const IMAGE_FORMAT = /(^|,)(image2|image2pipe|[a-z0-9]+_pipe)(,|$)/;
const NOT_MEDIA_FORMATS = new Set(['tty']);
const IMAGE_CODECS = new Set(['png', 'apng', 'bmp', 'tiff', 'webp', 'jpegls', 'jpeg2000', 'jpegxl', 'gif', 'pam', 'pbm', 'pgm', 'ppm', 'qoi', 'psd', 'svg', 'exr', 'dpx']);
const HDR_TRANSFERS = new Set(['arib-std-b67', 'smpte2084']);

/** Pure: turns ffprobe's JSON (+ sampled packet times) into a VideoProbe. */
export function parseProbeOutput(
  output: FfprobeOutput,
  extra: { sizeBytes: number; packets?: Map<number, PacketInfo[]> },
): VideoProbe {
  const streams = output.streams ?? [];
  const format = output.format ?? {};
  const formatName = format.format_name ?? 'unknown';
  if (NOT_MEDIA_FORMATS.has(formatName)) throw new MediaError('not_media', { details: { formatName } });

  const videos = streams.filter((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  // The default-flagged stream, else the largest: phones sometimes add a small depth/preview track.
  const video =
    videos.find((s) => s.disposition?.default === 1 && (s.width ?? 0) > 0) ??
    [...videos].sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0))[0];
  const audio = streams.find((s) => s.codec_type === 'audio' && s.codec_name && (num(s.channels) ?? 1) > 0);

  const formatDuration = num(format.duration);
  const streamDuration = num(video?.duration);
  const durationSec = positive(formatDuration) ?? positive(streamDuration) ?? positive(num(audio?.duration)) ?? 0;

  const codedWidth = video?.width ?? 0;
  const codedHeight = video?.height ?? 0;
  const rotation = video ? rotationOf(video) : 0;
  const sar = ratio(video?.sample_aspect_ratio, ':');
  const sarWidth = sar && sar > 0 && Math.abs(sar - 1) > 0.01 ? Math.round(codedWidth * sar) : codedWidth;
  const [width, height] = rotation === 90 || rotation === 270 ? [codedHeight, sarWidth] : [sarWidth, codedHeight];

  const frameCount = num(video?.nb_frames) ?? null;
  const avg = ratio(video?.avg_frame_rate, '/');
  const real = ratio(video?.r_frame_rate, '/');
  const fps =
    positive(avg) ??
    (frameCount && durationSec > 0 ? frameCount / durationSec : undefined) ??
    positive(real) ??
    0;

  const videoCodec = video?.codec_name ?? null;
  const isImageFormat = IMAGE_FORMAT.test(formatName);
  const isStillImage =
    !!video && (isImageFormat || frameCount === 1 || (IMAGE_CODECS.has(videoCodec ?? '') && !(durationSec > 0)));

  const packets = video ? extra.packets?.get(video.index) : undefined;
  const times = packets?.map((p) => p.t);
  const isVariableFrameRate = times && times.length >= 8 ? isIrregular(times) : !!(avg && real && Math.abs(avg - real) / real > 0.1);
  const keyTimes = (packets ?? []).filter((p) => p.key).map((p) => p.t).sort((a, b) => a - b);
  const keyGaps = keyTimes.slice(1).map((t, i) => t - keyTimes[i]!).sort((a, b) => a - b);
  const keyframeIntervalSec = keyGaps.length ? round(keyGaps[Math.floor(keyGaps.length / 2)]!, 3) : null;

  const colorTransfer = video?.color_transfer ?? null;
  const pixelFormat = video?.pix_fmt ?? null;
  return {
    hasVideo: !!video,
    isStillImage,
    durationSec: round(durationSec, 3),
    width,
    height,
    codedWidth,
    codedHeight,
    rotation,
    fps: round(fps, 3),
    isVariableFrameRate,
    // Seen in the packets: a timestamp lower than an earlier one in decode order. The header's
    // has_b_frames only says reordering is allowed (x264 and phones often set it and never do).
    hasBFrames: packets && packets.length >= 8 ? isReordered(packets) : (video?.has_b_frames ?? 0) > 0,
    keyframeIntervalSec,
    startTimeSec: num(format.start_time) ?? 0,
    videoCodec,
    videoStreamIndex: video?.index ?? null,
    pixelFormat,
    colorRange: video?.color_range === 'pc' || pixelFormat?.startsWith('yuvj') ? 'pc' : 'tv',
    colorTransfer,
    isHdr: colorTransfer !== null && HDR_TRANSFERS.has(colorTransfer),
    frameCount,
    audioCodec: audio?.codec_name ?? null,
    audioStreamIndex: audio?.index ?? null,
    hasAudio: !!audio,
    audioSampleRate: num(audio?.sample_rate) ?? null,
    audioChannels: num(audio?.channels) ?? null,
    sizeBytes: extra.sizeBytes,
    formatName,
    bitRate: num(format.bit_rate) ?? null,
  };
}

/**
 * Rotation from the display matrix side data (ffmpeg ≥ 5 reports it as counter-clockwise degrees,
 * e.g. -90 for an iPhone portrait clip) or, from older tools, the legacy `rotate` tag (clockwise).
 */
function rotationOf(stream: FfprobeStream): 0 | 90 | 180 | 270 {
  const matrix = stream.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && d.rotation !== undefined);
  let clockwise: number | undefined;
  if (matrix) clockwise = -Number(matrix.rotation);
  else if (stream.tags?.rotate !== undefined) clockwise = Number(stream.tags.rotate);
  if (clockwise === undefined || !Number.isFinite(clockwise)) return 0;
  const quarter = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  return quarter as 0 | 90 | 180 | 270;
}

/**
 * Variable frame rate: more than 5 % of frame intervals differ from the median by over 25 %.
 * Phones drop to lower rates in dim light; a single dropped frame does not count.
 */
function isIrregular(times: number[]): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  const deltas: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i]! - sorted[i - 1]!;
    if (d > 0) deltas.push(d);
  }
  if (deltas.length < 5) return false;
  const median = [...deltas].sort((a, b) => a - b)[Math.floor(deltas.length / 2)]!;
  const off = deltas.filter((d) => Math.abs(d - median) > 0.25 * median).length;
  return off / deltas.length > 0.05;
}

function isReordered(packets: PacketInfo[]): boolean {
  let max = -Infinity;
  for (const p of packets) {
    if (p.t < max) return true;
    max = Math.max(max, p.t);
  }
  return false;
}

export interface PacketInfo {
  t: number;
  key: boolean;
}

function parsePackets(csv: string): Map<number, PacketInfo[]> {
  const out = new Map<number, PacketInfo[]>();
  for (const line of csv.split('\n')) {
    const [idx, pts, flags] = line.trim().split(',');
    const index = Number(idx);
    const t = Number(pts);
    if (!line.trim() || !Number.isInteger(index) || !Number.isFinite(t)) continue;
    let list = out.get(index);
    if (!list) out.set(index, (list = []));
    list.push({ t, key: (flags ?? '').includes('K') });
  }
  return out;
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Matroska/WebM, AVI, MPEG-TS, FLV, Ogg, 3GPP-in-RIFF: a video container that ffprobe could not read is damaged. */
function looksLikeOtherVideoContainer(head: Buffer): boolean {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return true; // EBML (mkv/webm)
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 11) === 'AVI') return true;
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'FLV') return true;
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'OggS') return true;
  return head.length >= 189 && head[0] === 0x47 && head[188] === 0x47; // MPEG-TS sync bytes
}

function describeProbeFailure(stderr: string): string {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/^\[[^\]]*\]\s*/, '').replace(/^.*?:\s(?=[A-Z])/, '').trim())
    .filter(Boolean)[0];
  return line ? line.slice(0, 200) : 'ffprobe could not read it';
}

function num(v: string | number | undefined): number | undefined {
  if (v === undefined || v === 'N/A') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
function positive(v: number | undefined): number | undefined {
  return v !== undefined && v > 0 ? v : undefined;
}
function ratio(v: string | undefined, sep: string): number | undefined {
  if (!v) return undefined;
  const [a, b] = v.split(sep).map(Number);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return undefined;
  return a / b;
}
function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
