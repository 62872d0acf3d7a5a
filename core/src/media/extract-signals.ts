import { availableParallelism } from 'node:os';
import { FINE_STEP_SEC, SILENCE_DB, type FineSignal, type SecondSignal, type VideoSignals } from '../domain/signals';
import { AudioLevelMeter, type SecondLevels } from './audio-levels';
import { buildFineTrack, nearCoveredFrames, type FineFrame } from './fine-signals';
import { gridDetail, gridDifferenceWithTotal, gridMean } from './frame-grid';
import { refineAroundCandidates } from './refine-windows';
import type { SoundWindow } from './sound-texture';
import { SoundTextureStream } from './sound-texture-stream';
import { clamp01, isCoveredFrame, measureFrame, PC_RANGE, TV_RANGE, type FrameStats, type LumaRange } from './frame-stats';
import { MediaError } from './media-error';
import { probePlayableVideo, type PlayableVideoProbe } from './probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool, startMediaTool, type MediaCallOptions } from './run-media-tool';

/** Frames per second looked at in full mode. Motion compares frames 0.1 s apart, whatever the source's frame rate. */
export const ANALYSIS_FPS = 10;
/** Motion is the luma difference between two frames this far apart. */
export const MOTION_INTERVAL_SEC = 0.1;
/** Long side of the analysis frame. Enough to see edges (blur) and hands, small enough to be cheap. */
export const ANALYSIS_LONG_SIDE = 320;
/** Audio is decoded as mono float at this rate: the sizzle band (3–12 kHz) fits under its Nyquist. */
export const ANALYSIS_SAMPLE_RATE = 24_000;

/**
 * Per-second flag thresholds:
 * - tooDark: mean brightness under 0.12. Phones auto-expose a lit kitchen to ~0.35–0.55 mean
 *   luma; under 0.12 the food's colour and browning cannot be judged.
 * - obstructed: at least half of the second's frames look like a covered lens (see COVERED_FRAME
 *   in frame-stats.ts: almost black, or near-uniform with almost no edges).
 * - blurry: sharpness under half of this video's own median (focus lost, steam on the lens, fast
 *   shake) or under an absolute floor (hardly any edges at all). Never set on dark or obstructed
 *   seconds: there it would say nothing new.
 */
export const SIGNAL_THRESHOLDS = {
  tooDarkBrightness: 0.12,
  obstructedFrameShare: 0.5,
  blurryRelativeToMedian: 0.5,
  blurryAbsoluteSharpness: 0.04,
} as const;

/**
 * sharpness = SHARPNESS_GAIN × RMS luma gradient of the 320 px analysis frame, capped at 1. A sharp
 * kitchen scene lands around 0.3–0.8; a lost focus (blur σ ≈ 4 px at that scale) around a quarter
 * of the same scene sharp.
 */
export const SHARPNESS_GAIN = 5;

/**
 * Decode cost model for choosing a mode: H.264/HEVC decoding at phone bit rates is bound by the
 * entropy decoder, so it scales with the number of coded bits. Measured on this class of machine
 * (one core of the 2-core EPYC VM): ≈ 80 Mbit of 1080p High-profile H.264 per second per core.
 */
export const DECODE_BITS_PER_SEC_PER_CORE = 80e6;

/**
 * - full: every frame is decoded and 10 per second are measured. Most faithful; at phone bit
 *   rates (≈ 16 Mbit/s) a 5-minute 1080p clip takes ~30 s on 2 cores: the decoder is the limit.
 * - keyframes: only the first ~0.1 s after each keyframe is decoded (the other packets are
 *   dropped before the decoder), giving one motion sample and a few pictures per keyframe
 *   interval (phones: 1 s). About 3× cheaper at phone bit rates (the keyframes themselves are
 *   the largest share). Motion for seconds between samples is interpolated.
 * - auto: full when its estimated time fits `fullDecodeBudgetSec`, else keyframes.
 * Keyframes mode (asked for or chosen) falls back to full when keyframes are more than 2 s apart.
 */
export type SignalsMode = 'auto' | 'full' | 'keyframes';

/** Keyframes mode needs a keyframe at least this often; otherwise the full decode is used. */
export const MAX_KEYFRAME_INTERVAL_SEC = 2.1;

export interface ExtractSignalsOptions extends MediaCallOptions {
  /** The probe from ingest's validation step (probed again when missing). */
  probe?: PlayableVideoProbe;
  /** 0 … 1, from the video decode (the slower of the two passes). */
  onProgress?: (fraction: number) => void;
  mode?: SignalsMode;
  /** auto mode: decode every frame when that is estimated to take at most this long. Default 8 s. */
  fullDecodeBudgetSec?: number;
  /**
   * Only this stretch (Cook Cam: the part already uploaded while filming): an exact seek, full
   * mode, and the result's times count from `startSec` (see merge-signal-parts.ts).
   */
  range?: { startSec: number; durationSec: number };
}

export interface ExtractedSignals extends VideoSignals {
  sampling: {
    mode: 'full' | 'keyframes';
    /** Motion samples per second of video (10 in full mode; ≈ 1 / keyframe interval otherwise). */
    motionSamplesPerSec: number;
    /** The fine track's step: 0.25 s in full mode, the keyframe interval otherwise. */
    fineStepSec: number;
    /** What a full decode was estimated to cost, in seconds (the auto decision). */
    estimatedFullDecodeSec: number;
  };
  fine: FineSignal[];
  /** Keyframes mode: 0.25 s entries decoded in full around candidate events. */
  fineWindows?: FineSignal[];
}

interface AnalysedFrame {
  t: number;
  stats: FrameStats;
  covered: boolean;
  /** Luma differences to the previous frames (index 0 = the frame just before). */
  diffs: number[];
  /** The same per grid cell (frame-grid.ts). */
  gridDiffs: Float32Array[];
  /** Per-cell detail (RMS gradient) and mean luma. */
  detail: Float32Array;
  cellMean: Float32Array;
}

interface DecodedAudio {
  levels: SecondLevels[];
  /** The sound texture per window size asked for (measured while decoding; the samples are not kept). */
  textures: Map<number, SoundWindow[]>;
}

/**
 * Per-second signals for a whole video: ffmpeg decodes the picture scaled to 320 px as raw YUV to
 * a pipe (deblocking skipped: it costs ~15 % of decode time and changes nothing at 1/6 scale;
 * swscale's bilinear averages over the whole footprint when shrinking, so no aliasing),
 * while a second ffmpeg decodes the sound as 24 kHz mono float. The rest is arithmetic in Node.
 *
 * Motion is only measured between two frames that both show the scene: covering and uncovering
 * the lens is not cooking motion.
 */
export async function extractSignals(path: string, options: ExtractSignalsOptions = {}): Promise<ExtractedSignals> {
  const whole = options.probe ?? (await probePlayableVideo(path, options));
  const range = options.range;
  const probe = range ? { ...whole, durationSec: range.durationSec } : whole;
  // From 0: no seek, so the first part starts on the same sample and frame as a pass over the whole file.
  const seek = range ? [...(range.startSec > 0 ? ['-ss', range.startSec.toFixed(3)] : []), '-t', range.durationSec.toFixed(3)] : [];
  const seconds = Math.max(1, Math.ceil(probe.durationSec - 0.1));
  const estimatedFullDecodeSec = estimateFullDecodeSec(probe);
  const mode = range ? 'full' : chooseMode(probe, options.mode ?? 'auto', estimatedFullDecodeSec, options.fullDecodeBudgetSec ?? 8);

  // One failure (or the caller's abort) stops every decoder.
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const call: MediaCallOptions = { tools: options.tools, signal: controller.signal };
  const failFast = <T>(p: Promise<T>) =>
    p.catch((err: unknown) => {
      controller.abort(err);
      throw err;
    });
  const fineStepSec = mode === 'full' ? FINE_STEP_SEC : Math.max(FINE_STEP_SEC, Math.round((probe.keyframeIntervalSec ?? 1) * 4) / 4);
  // The sound's texture is measured while the sound decodes (and the picture still decodes), a
  // minute at a time, so a long clip's sound is never held whole: the fine step, 1 s, and in
  // keyframes mode the 0.25 s the refinement windows read.
  const textureSteps = [fineStepSec, 1, ...(mode === 'keyframes' ? [FINE_STEP_SEC] : [])];
  const withTexture = (a: DecodedAudio) => ({
    ...a,
    fine: a.textures.get(fineStepSec) ?? [],
    perSecond: a.textures.get(1) ?? [],
  });
  try {
    const [frames, audio] = await Promise.all([
      failFast(analyseVideo(path, probe, mode, call, options.onProgress, undefined, seek)),
      probe.hasAudio
        ? failFast(analyseAudio(path, probe, call, textureSteps, seek)).then((a) => (usableAudio(a.levels, probe.durationSec) ? withTexture(a) : null))
        : Promise.resolve(null),
    ]);
    const lastT = frames.at(-1)?.t ?? 0;
    const gap = mode === 'keyframes' ? (probe.keyframeIntervalSec ?? 2) : 0;
    if (frames.length === 0 || lastT + gap + 1 < probe.durationSec * 0.8) {
      // A decoder that stops early without failing means a damaged or cut-off file.
      throw new MediaError('corrupt', {
        message: `Only ${lastT.toFixed(1)} s of the ${probe.durationSec.toFixed(1)} s video could be decoded.`,
      });
    }
    options.onProgress?.(1);
    const motionSamplesPerSec = mode === 'full' ? ANALYSIS_FPS : 1 / Math.max(1, probe.keyframeIntervalSec ?? 1);
    // Something right in front of the lens counts as covering it (motion is not measured through it).
    nearCoveredFrames(frames.map((f) => toFineFrame(f, null))).forEach((near, i) => {
      if (near) frames[i]!.covered = true;
    });
    const sound = audio?.fine ?? null;
    const perSecond = audio?.perSecond ?? null;
    const fineFrames = frames.map((f, i) => toFineFrame(f, motionPartner(frames, i)));
    const fine = buildFineTrack(fineFrames, sound, probe.durationSec, fineStepSec);
    // Keyframes mode: a full decode of a few seconds around each candidate event, for 0.25 s there.
    const windows =
      mode === 'keyframes'
        ? await refineAroundCandidates(fine, audio ? (audio.textures.get(FINE_STEP_SEC) ?? null) : null, (segment) =>
            analyseVideo(path, probe, 'full', call, undefined, segment),
          probe.durationSec)
        : undefined;
    return {
      durationSec: probe.durationSec,
      hasAudio: audio !== null,
      seconds: aggregate(frames, audio?.levels ?? null, seconds, mode),
      fine,
      ...(windows ? { fineWindows: windows } : {}),
      frying: perSecond ? Array.from({ length: seconds }, (_, t) => perSecond[Math.min(t, perSecond.length - 1)]?.frying ?? 0) : undefined,
      sampling: {
        mode,
        motionSamplesPerSec: round4(motionSamplesPerSec),
        fineStepSec,
        estimatedFullDecodeSec: Math.round(estimatedFullDecodeSec * 10) / 10,
      },
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Seconds a full decode is expected to take on this machine (bits ÷ decoder throughput). */
export function estimateFullDecodeSec(probe: Pick<PlayableVideoProbe, 'bitRate' | 'sizeBytes' | 'durationSec'>): number {
  const bits = probe.bitRate ? probe.bitRate * probe.durationSec : probe.sizeBytes * 8;
  const cores = Math.max(1, Math.min(availableParallelism(), 4));
  return bits / (DECODE_BITS_PER_SEC_PER_CORE * cores);
}

function chooseMode(
  probe: PlayableVideoProbe,
  requested: SignalsMode,
  estimatedFullDecodeSec: number,
  budgetSec: number,
): 'full' | 'keyframes' {
  // Sampling keyframes only works when they are frequent (phones: every second).
  const frequentKeyframes = probe.keyframeIntervalSec !== null && probe.keyframeIntervalSec <= MAX_KEYFRAME_INTERVAL_SEC;
  if (requested === 'full' || !frequentKeyframes) return 'full';
  if (requested === 'keyframes') return 'keyframes';
  return estimatedFullDecodeSec <= budgetSec ? 'full' : 'keyframes';
}

/** The analysis frame size for a coded size: long side 320, aspect kept, even. */
export function analysisSize(codedWidth: number, codedHeight: number): { width: number; height: number } {
  const long = Math.max(codedWidth, codedHeight);
  const scale = Math.min(1, ANALYSIS_LONG_SIDE / long);
  const even = (v: number) => Math.max(2, Math.round((v * scale) / 2) * 2);
  return { width: even(codedWidth), height: even(codedHeight) };
}

/**
 * A sound track most of which does not decode (damaged packets) is no sound track: the signals
 * say so (hasAudio false) instead of reading the gaps as silence, and the video is still coached.
 */
function usableAudio(levels: SecondLevels[], durationSec: number): boolean {
  return levels.length >= Math.min(1, durationSec) && levels.length >= durationSec * 0.5;
}

/** The frame ~MOTION_INTERVAL_SEC before frame i (0.05–0.2 s) that motion is measured against, as an index into its diffs. */
function motionPartner(frames: AnalysedFrame[], i: number): number {
  const f = frames[i]!;
  let best = -1;
  let bestErr = Infinity;
  f.diffs.forEach((_, k) => {
    const prev = frames[i - 1 - k];
    if (!prev) return;
    const dt = f.t - prev.t;
    const err = Math.abs(dt - MOTION_INTERVAL_SEC);
    if (dt >= 0.05 && dt <= 0.2 && err < bestErr) {
      best = k;
      bestErr = err;
    }
  });
  return best;
}

function toFineFrame(f: AnalysedFrame, partner: number | null): FineFrame {
  const usable = partner !== null && partner >= 0;
  return {
    t: f.t,
    brightness: f.stats.brightness,
    coveredFlat: f.covered,
    detail: f.detail,
    cellMean: f.cellMean,
    motion: usable ? f.diffs[partner]! : null,
    grid: usable ? (f.gridDiffs[partner] ?? null) : null,
  };
}

async function analyseAudio(path: string, probe: PlayableVideoProbe, call: MediaCallOptions, textureSteps: number[], seek: string[] = []): Promise<DecodedAudio> {
  const meter = new AudioLevelMeter(ANALYSIS_SAMPLE_RATE);
  const texture = new SoundTextureStream(ANALYSIS_SAMPLE_RATE, textureSteps);
  const args = [
    ...FFMPEG_BASE_ARGS,
    // Damaged audio packets are skipped, not fatal (ffmpeg otherwise exits 69 past 2/3 errors).
    '-max_error_rate',
    '1',
    ...seek,
    '-i',
    path,
    '-map',
    `0:${probe.audioStreamIndex}`,
    '-vn',
    '-sn',
    '-dn',
    '-ac',
    '1',
    '-ar',
    String(ANALYSIS_SAMPLE_RATE),
    '-f',
    'f32le',
    'pipe:1',
  ];
  await runMediaTool('ffmpeg', args, {
    ...call,
    stdout: (chunk) => {
      meter.pushBytes(chunk);
      texture.pushBytes(chunk);
    },
  });
  return { levels: meter.finish(), textures: texture.finish() };
}

async function analyseVideo(
  path: string,
  probe: PlayableVideoProbe,
  mode: 'full' | 'keyframes',
  call: MediaCallOptions,
  onProgress: ((fraction: number) => void) | undefined,
  /** Full mode only: decode just [start, start + duration) (times stay on the video's clock). */
  segment?: { start: number; duration: number },
  /** Full mode: input options that seek to a stretch whose frames count from 0 (ExtractSignalsOptions.range). */
  seek: string[] = [],
): Promise<AnalysedFrame[]> {
  // Rotation does not change any of these measures, so frames stay as stored (no transpose).
  const { width, height } = analysisSize(probe.codedWidth, probe.codedHeight);
  const range: LumaRange = probe.colorRange === 'pc' ? PC_RANGE : TV_RANGE;
  const frameBytes = (width * height * 3) / 2;
  const pixels = width * height;
  // Frame threads: two per core keeps both cores busy across the decode's serial stretches
  // (measured: 4 threads on 2 cores decode the keyframe heads ~12 % faster than 2).
  const threads = String(Math.max(2, Math.min(availableParallelism() * 2, 8)));
  // Keyframes mode: keep the keyframe and the packets that decode the next 0.1 s (B-frames reorder, so a little more).
  // (Three consecutive B-frames in decode order I0 P4 B2 B1 B3 need 4 packets after I0 for frame 3;
  // a hierarchical 7-B GOP needs 5.)
  const headPackets = Math.ceil(MOTION_INTERVAL_SEC * Math.max(1, probe.fps) - 1e-6) + (probe.hasBFrames ? 2 : 0);
  const lookBack = mode === 'full' ? 1 : headPackets + 1;

  const frames: AnalysedFrame[] = [];
  const times: number[] = [];
  const recent: Uint8Array[] = [];
  let pending = Buffer.alloc(frameBytes);
  let filled = 0;
  let lastReported = -1;

  const report = (t: number) => {
    if (!onProgress || probe.durationSec <= 0) return;
    const pct = Math.min(99, Math.floor((t / probe.durationSec) * 100));
    if (pct > lastReported) {
      lastReported = pct;
      onProgress(pct / 100);
    }
  };
  const onFrame = (frame: Uint8Array) => {
    const stats = measureFrame(frame, width, height, range);
    const luma = frame.subarray(0, pixels);
    const motion = recent.map((prev) => gridDifferenceWithTotal(prev, luma, width, height, range));
    const diffs = motion.map((m) => m.total);
    const gridDiffs = motion.map((m) => m.cells);
    recent.unshift(luma);
    if (recent.length > lookBack) recent.pop();
    frames.push({
      t: mode === 'full' ? (segment?.start ?? 0) + frames.length / ANALYSIS_FPS : NaN,
      stats,
      covered: isCoveredFrame(stats),
      diffs,
      gridDiffs,
      detail: gridDetail(luma, width, height, range),
      cellMean: gridMean(luma, width, height, range),
    });
    if (mode === 'full') report(frames.length / ANALYSIS_FPS);
  };
  const onStdout = (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(pending, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === frameBytes) {
        onFrame(pending);
        // Earlier frames' luma is still referenced for motion: the next frame gets a fresh buffer.
        pending = Buffer.alloc(frameBytes);
        filled = 0;
      }
    }
  };
  const decodeInput = ['-noautorotate', '-skip_loop_filter', 'all', '-flags2', 'fast', '-threads', threads];
  const output = ['-pix_fmt', 'yuv420p', '-f', 'rawvideo', 'pipe:1'];

  if (mode === 'full') {
    const args = [
      ...FFMPEG_BASE_ARGS,
      ...decodeInput,
      ...(segment ? ['-ss', segment.start.toFixed(3), '-t', segment.duration.toFixed(3)] : seek),
      '-i',
      path,
      '-map',
      `0:${probe.videoStreamIndex}`,
      '-an',
      '-sn',
      '-dn',
      '-vf',
      `fps=${ANALYSIS_FPS},scale=${width}:${height}:flags=bilinear`,
      ...output,
    ];
    await runMediaTool('ffmpeg', args, { ...call, stdout: onStdout });
    return frames;
  }

  // Keyframes mode: ffmpeg #1 copies the video packets, dropping all but each keyframe's head
  // (the noise bitstream filter evaluates `drop` per packet; st/ld keep state across packets:
  // register 0 counts packets since the keyframe, register 1 holds the keyframe's timestamp).
  // Leading pictures (after an open-GOP keyframe in decode order but before it in time, HEVC
  // RASL) reference the previous GOP, which was dropped: they would decode as garbage, so they
  // go too. ffmpeg #2 decodes what is left and prints each frame's timestamp to fd 3.
  const drop = `noise=drop='st(0,if(key,0,ld(0)+1));st(1,if(key,pts,ld(1)));gt(ld(0),${headPackets})+lt(pts,ld(1))'`;
  const demux = startMediaTool(
    'ffmpeg',
    [...FFMPEG_BASE_ARGS, '-copyts', '-i', path, '-map', `0:${probe.videoStreamIndex}`, '-c', 'copy', '-bsf:v', drop, '-f', 'nut', 'pipe:1'],
    { ...call, stdout: 'stream' },
  );
  const decode = startMediaTool(
    'ffmpeg',
    [
      ...FFMPEG_BASE_ARGS,
      '-copyts',
      ...decodeInput,
      '-f',
      'nut',
      '-i',
      'pipe:0',
      '-vf',
      `scale=${width}:${height}:flags=bilinear,metadata=mode=add:key=ajimi:value=1,metadata=mode=print:file=pipe\\\\:3`,
      '-fps_mode',
      'passthrough',
      ...output,
    ],
    {
      ...call,
      stdin: demux.child.stdout!,
      stdout: onStdout,
      onFd3Line: (line) => {
        const m = /pts_time:(-?[\d.]+(?:e[-+]?\d+)?)/.exec(line);
        if (!m) return;
        const t = Number(m[1]) - probe.startTimeSec;
        times.push(t);
        report(t);
      },
    },
  );
  try {
    await Promise.all([demux.done, decode.done]);
  } catch (err) {
    demux.kill();
    decode.kill();
    throw err;
  }
  if (times.length !== frames.length) {
    throw new MediaError('processing_failed', {
      message: `Frame timestamps (${times.length}) and frames (${frames.length}) do not match.`,
    });
  }
  frames.forEach((f, i) => (f.t = Math.max(0, times[i]!)));
  return frames;
}

interface Bucket {
  frames: number;
  covered: number;
  brightness: number;
  saturation: number;
  gradient: number;
  motion: number;
  motionSamples: number;
}

function aggregate(frames: AnalysedFrame[], audio: SecondLevels[] | null, count: number, mode: 'full' | 'keyframes'): SecondSignal[] {
  const buckets: Bucket[] = Array.from({ length: count }, () => ({
    frames: 0,
    covered: 0,
    brightness: 0,
    saturation: 0,
    gradient: 0,
    motion: 0,
    motionSamples: 0,
  }));
  frames.forEach((f, i) => {
    const b = buckets[Math.min(count - 1, Math.floor(f.t + 1e-6))]!;
    b.frames++;
    b.brightness += f.stats.brightness;
    b.saturation += f.stats.saturation;
    b.gradient += f.stats.gradient;
    if (f.covered) b.covered++;
    // The earlier frame closest to MOTION_INTERVAL_SEC before this one (0.05–0.2 s), both showing the scene.
    const best = motionPartner(frames, i);
    const partner = best >= 0 ? frames[i - 1 - best] : undefined;
    if (partner && !partner.covered && !f.covered) {
      b.motion += f.diffs[best]!;
      b.motionSamples++;
    }
  });

  const picture = fillGaps(buckets.map((b) => (b.frames > 0 ? b : null)));
  const motion = buckets.map((b) => (b.motionSamples > 0 ? b.motion / b.motionSamples : null));
  const out: SecondSignal[] = [];
  for (let t = 0; t < count; t++) {
    const p = picture[t]!;
    const brightness = p.brightness / p.frames;
    const obstructed = p.covered / p.frames >= SIGNAL_THRESHOLDS.obstructedFrameShare;
    // Full mode measures every second; keyframes mode interpolates motion between its samples.
    const m = motion[t] ?? (obstructed || mode === 'full' ? 0 : interpolate(motion, t));
    const level = audio ? (audio[t] ?? audio.at(-1)) : undefined;
    out.push({
      t,
      motion: round4(m),
      loudness: level?.loudness ?? SILENCE_DB,
      sizzle: level?.sizzle ?? SILENCE_DB,
      brightness: round4(brightness),
      saturation: round4(p.saturation / p.frames),
      sharpness: round4(clamp01((p.gradient / p.frames) * SHARPNESS_GAIN)),
      obstructed,
      tooDark: brightness < SIGNAL_THRESHOLDS.tooDarkBrightness,
      blurry: false,
    });
  }
  markBlurry(out);
  return out;
}

/** Seconds without a picture take the nearest second that has one (ties: the earlier). */
function fillGaps(buckets: Array<Bucket | null>): Bucket[] {
  const known = buckets.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
  return buckets.map((b, i) => {
    if (b) return b;
    let nearest = known[0]!;
    for (const k of known) if (Math.abs(k - i) < Math.abs(nearest - i)) nearest = k;
    return buckets[nearest]!;
  });
}

/** Linear interpolation between the nearest known values either side (or the nearest one). */
function interpolate(values: Array<number | null>, t: number): number {
  let before = t - 1;
  while (before >= 0 && values[before] === null) before--;
  let after = t + 1;
  while (after < values.length && values[after] === null) after++;
  const vb = before >= 0 ? values[before]! : null;
  const va = after < values.length ? values[after]! : null;
  if (vb !== null && va !== null) return vb + ((va - vb) * (t - before)) / (after - before);
  return vb ?? va ?? 0;
}

/** Blurry relative to this video's own median sharpness (over usable seconds) and an absolute floor. */
export function markBlurry(seconds: SecondSignal[]): void {
  const usable = seconds.filter((s) => !s.obstructed && !s.tooDark);
  if (usable.length === 0) return;
  const sorted = usable.map((s) => s.sharpness).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const threshold = Math.max(SIGNAL_THRESHOLDS.blurryAbsoluteSharpness, median * SIGNAL_THRESHOLDS.blurryRelativeToMedian);
  for (const s of usable) s.blurry = s.sharpness < threshold;
}

function round4(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
