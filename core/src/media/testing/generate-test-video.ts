import { extname } from 'node:path';
import type { COOKING_EVENT_TYPES } from '../../domain/analysis';
import { FFMPEG_BASE_ARGS, runMediaTool, type MediaCallOptions } from '../run-media-tool';
import { setVideoRotation } from './set-video-rotation';

/**
 * Synthetic "cooking videos" made with ffmpeg's lavfi sources: deterministic, fast to generate,
 * and with a timeline of what happens when, so tests and benchmarks know the expected moments.
 *
 * The scene: a wooden counter with tile lines, a dark pan with a rim and handle.
 *  - 0 … addAt: oil heating. The picture is still; the sound is room tone and a faint hiss.
 *  - addAt: ingredients hit the pan: a burst of pieces tossed around (big motion) and the sizzle
 *    (a crackle: sparse pops over white noise, high-passed at 3.5 kHz) jumps by about 26 dB (≈ 3 dB in the "weak" variant,
 *    the pan_not_hot case). Food then stays in the pan and the sizzle stays up.
 *  - stirring windows: a spatula sweeps across the pan (moderate motion), 3 s every 8 s.
 *  - dark: the lens is covered (an almost black, uniform frame); the sound carries on.
 *  - flipAt: a flip: a large omelette-like slab jumps up and lands (a short, large motion spike).
 *  - plateAt: plating: the food moves to a plate, the sizzle falls to a low level, nothing moves.
 */
export interface TestVideoOptions {
  /** Seconds; default 60. */
  durationSec?: number;
  /** Display size (what a player shows); default 640×360. Use 1080×1920 for a portrait phone clip. */
  width?: number;
  height?: number;
  /** Default 30. */
  fps?: number;
  /**
   * Store the picture turned and tag the file so players turn it back, like a phone does: 90
   * means frames are stored landscape and displayed portrait (iPhone portrait). MP4/MOV only.
   */
  rotation?: 0 | 90 | 180 | 270;
  /** h264 (libx264) by default; hevc (libx265, tagged hvc1 like an iPhone .mov); vp9 for .webm. */
  codec?: 'h264' | 'hevc' | 'vp9';
  /** Drop frames in an irregular pattern and keep the real timestamps (a variable frame rate). */
  vfr?: boolean;
  /** Default true. false writes no audio track at all. */
  audio?: boolean;
  /** 'weak': the ingredients go in but the sizzle barely rises (the pan was not hot). */
  sizzle?: 'normal' | 'weak';
  /** 'none': no stirring and no flip after the ingredients go in (the not_moving case). */
  movement?: 'normal' | 'none';
  /** Include the covered-lens stretch; default true. */
  dark?: boolean;
  /** Temporal sensor noise (0–30) so the bit rate looks like a phone's; default 0. */
  grain?: number;
  /** x264/x265 preset; default ultrafast. */
  preset?: string;
  /** Seconds between keyframes; default 1 (what phones do). */
  keyframeIntervalSec?: number;
  /** Video bit rate in kb/s (x264/x265); default: constant quality. */
  videoBitrateKbps?: number;
  /** Override event times (seconds). */
  events?: Partial<Pick<TestVideoTimeline, 'addAt' | 'flipAt' | 'plateAt'> & { darkStart: number; darkEnd: number }>;
  /** A stretch where focus is lost (a strong Gaussian blur over the picture); default none. */
  blur?: TimeSpan;
}

export interface TimeSpan {
  start: number;
  end: number;
}

export type TestVideoMomentType = (typeof COOKING_EVENT_TYPES)[number] | 'obstructed';

export interface TestVideoTimeline {
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  hasAudio: boolean;
  sizzle: 'normal' | 'weak';
  movement: 'normal' | 'none';
  /** Oil heating: quiet, still. */
  heating: TimeSpan;
  /** Ingredients hit the pan. */
  addAt: number;
  /** The tossing burst right after addAt. */
  burst: TimeSpan;
  stirring: TimeSpan[];
  /** The lens is covered. */
  dark: TimeSpan | null;
  flipAt: number | null;
  plateAt: number;
  /** Out of focus. */
  blur: TimeSpan | null;
  /** The sizzle level (linear amplitude before mixing) per stretch, for expectations in dB. */
  sizzleLevels: { heating: number; cooking: number; plating: number };
  /** Everything above as a sorted list (analyzer tests compare against this). */
  moments: Array<{ t: number; end?: number; type: TestVideoMomentType }>;
}

const BURST_SEC = 1.5;
const FLIP_SEC = 0.8;
const STIR_PERIOD = 8;
const STIR_SEC = 3;

/** The timeline for a set of options, without generating anything. */
export function testVideoTimeline(options: TestVideoOptions = {}): TestVideoTimeline {
  const d = options.durationSec ?? 60;
  if (!(d >= 8)) throw new Error('durationSec must be at least 8');
  const ev = options.events ?? {};
  const addAt = ev.addAt ?? Math.max(2, Math.round(d * 0.25));
  const darkOn = options.dark ?? true;
  const darkStart = ev.darkStart ?? Math.round(d * 0.5);
  const darkEnd = ev.darkEnd ?? darkStart + Math.max(2, Math.round(d * 0.06));
  const movement = options.movement ?? 'normal';
  const flipAt = movement === 'none' ? null : (ev.flipAt ?? Math.round(d * 0.7));
  const plateAt = ev.plateAt ?? Math.round(d * 0.87);
  const dark = darkOn ? { start: darkStart, end: darkEnd } : null;
  if (!(addAt < plateAt && plateAt < d)) throw new Error('events must satisfy addAt < plateAt < durationSec');

  const stirring: TimeSpan[] = [];
  if (movement === 'normal') {
    for (let s = addAt + BURST_SEC + 2.5; s + STIR_SEC <= plateAt - 1; s += STIR_PERIOD) {
      const span = { start: round1(s), end: round1(s + STIR_SEC) };
      const clashes =
        (dark && span.start < dark.end + 1 && span.end > dark.start - 1) ||
        (flipAt !== null && span.start < flipAt + FLIP_SEC + 2 && span.end > flipAt - 2);
      if (!clashes) stirring.push(span);
    }
  }
  const sizzle = options.sizzle ?? 'normal';
  const hasAudio = options.audio ?? true;
  const moments: TestVideoTimeline['moments'] = [
    { t: 0, end: addAt, type: 'oil_heating' },
    { t: addAt, type: 'ingredient_added' },
    ...(sizzle === 'normal' && hasAudio ? [{ t: addAt, type: 'sizzle_starts' as const }] : []),
    ...stirring.map((s) => ({ t: s.start, end: s.end, type: 'stirring' as const })),
    ...(dark ? [{ t: dark.start, end: dark.end, type: 'obstructed' as const }] : []),
    ...(flipAt !== null ? [{ t: flipAt, end: flipAt + FLIP_SEC, type: 'flipping' as const }] : []),
    { t: plateAt, end: d, type: 'plating' },
  ];
  moments.sort((a, b) => a.t - b.t);
  return {
    durationSec: d,
    width: options.width ?? 640,
    height: options.height ?? 360,
    fps: options.fps ?? 30,
    hasAudio,
    sizzle,
    movement,
    heating: { start: 0, end: addAt },
    addAt,
    burst: { start: addAt, end: addAt + BURST_SEC },
    stirring,
    dark,
    flipAt,
    plateAt,
    blur: options.blur ?? null,
    sizzleLevels: { heating: 0.025, cooking: sizzle === 'weak' ? 0.035 : 0.5, plating: 0.06 },
    moments,
  };
}

/** Generates the clip at `outputPath` (container from the extension: .mp4, .mov, .webm, .mkv). */
export async function generateTestVideo(
  outputPath: string,
  options: TestVideoOptions = {},
  call: MediaCallOptions = {},
): Promise<TestVideoTimeline> {
  const timeline = testVideoTimeline(options);
  const args = testVideoArgs(outputPath, options, timeline);
  await runMediaTool('ffmpeg', args, call);
  const rotation = options.rotation ?? 0;
  if (rotation !== 0) await setVideoRotation(outputPath, rotation);
  return timeline;
}

/** The ffmpeg arguments (exported so a cache can key on them). */
export function testVideoArgs(outputPath: string, options: TestVideoOptions, timeline = testVideoTimeline(options)): string[] {
  const { durationSec: d, fps } = timeline;
  const W = even(timeline.width);
  const H = even(timeline.height);
  const codec = options.codec ?? 'h264';
  const ext = extname(outputPath).toLowerCase();
  const rotation = options.rotation ?? 0;
  if (rotation !== 0 && !['.mp4', '.mov', '.m4v'].includes(ext)) throw new Error('rotation needs an MP4/MOV output');
  if (codec === 'vp9' && !['.webm', '.mkv'].includes(ext)) throw new Error('vp9 needs a .webm or .mkv output');

  const px = (f: number) => String(Math.round(f * W));
  const py = (f: number) => String(Math.round(f * H));
  const { addAt, plateAt, flipAt, dark } = timeline;
  const cooking = `gte(t,${addAt})*lt(t,${plateAt})`;
  const rng = lcg(20240601);

  // The pan and the food pieces that sit in it once added.
  const pan = { x: 0.2, y: 0.14, w: 0.58, h: 0.72 };
  const foodColors = ['0xd8893a', '0x58a845', '0xe8c84a', '0xc0492f', '0xf0e0b0'];
  const food: string[] = [];
  for (let i = 0; i < 14; i++) {
    const fx = pan.x + 0.05 + rng() * (pan.w - 0.16);
    const fy = pan.y + 0.06 + rng() * (pan.h - 0.2);
    const size = 0.045 + rng() * 0.04;
    food.push(
      `drawbox=x=${px(fx)}:y=${py(fy)}:w=${px(size)}:h=${px(size)}:c=${foodColors[i % foodColors.length]}:t=fill:enable='${cooking}'`,
    );
  }
  // A transparent layer of pieces, tossed around during the burst.
  const layerW = even(Math.round(W * 0.5));
  const layerH = even(Math.round(H * 0.5));
  const pieces: string[] = [];
  for (let i = 0; i < 18; i++) {
    const size = Math.round(W * (0.04 + rng() * 0.04));
    pieces.push(
      `drawbox=x=${Math.round(rng() * (layerW - size))}:y=${Math.round(rng() * (layerH - size))}:w=${size}:h=${size}:c=${foodColors[i % foodColors.length]}:t=fill`,
    );
  }
  const stirExpr = timeline.stirring.length
    ? timeline.stirring.map((s) => `between(t,${s.start},${s.end})`).join('+')
    : '0';

  const graph: string[] = [
    [
      // The static scene is drawn once and repeated (cheap), then the timed boxes go on top.
      `color=c=0x7a634c:s=${W}x${H}:r=${fps}:d=${1 / fps}`,
      `drawgrid=w=${Math.round(W / 8)}:h=${Math.round(H / 6)}:t=2:c=0x5b4733`,
      `drawbox=x=${px(pan.x)}:y=${py(pan.y)}:w=${px(pan.w)}:h=${py(pan.h)}:c=0x262626:t=fill`,
      `drawbox=x=${px(pan.x)}:y=${py(pan.y)}:w=${px(pan.w)}:h=${py(pan.h)}:c=0x9a9a9a:t=${Math.max(2, Math.round(W / 160))}`,
      `drawbox=x=${px(pan.x + pan.w)}:y=${py(0.45)}:w=${px(0.2)}:h=${py(0.08)}:c=0x141414:t=fill`,
      'format=yuv420p',
      `loop=loop=${Math.ceil(d * fps)}:size=1:start=0`,
      `setpts=N/${fps}/TB`,
      // The plate, and the food on it, once plated.
      `drawbox=x=${px(0.02)}:y=${py(0.6)}:w=${px(0.17)}:h=${py(0.3)}:c=0xf2f2f2:t=fill:enable='gte(t,${plateAt})'`,
      `drawbox=x=${px(0.05)}:y=${py(0.67)}:w=${px(0.11)}:h=${py(0.16)}:c=0xd8893a:t=fill:enable='gte(t,${plateAt})'`,
      ...food,
      'format=yuv420p',
    ].join(',') + '[bg]',
    [`color=c=black:s=${layerW}x${layerH}:r=${fps}:d=${1 / fps}`, 'format=rgba', ...pieces, 'colorkey=black:0.01:0'].join(',') + '[pieces]',
    `color=c=0xc9a66b:s=${even(Math.round(W * 0.035))}x${even(Math.round(H * 0.5))}:r=${fps}:d=${1 / fps}[spatula]`,
    ...(flipAt !== null ? [`color=c=0xf0d050:s=${even(Math.round(W * 0.36))}x${even(Math.round(H * 0.36))}:r=${fps}:d=${1 / fps}[slab]`] : []),
    // Burst: the pieces fall in and are tossed hard for BURST_SEC.
    `[bg][pieces]overlay=x='${px(0.25)}+${px(0.1)}*sin(2*PI*3.1*(t-${addAt}))':y='${py(0.2)}+${py(0.22)}*cos(2*PI*2.3*(t-${addAt}))':eval=frame:enable='between(t,${addAt},${addAt + BURST_SEC})'[v1]`,
    `[v1][spatula]overlay=x='${px(0.45)}+${px(0.2)}*sin(2*PI*(t)/1.3)':y=${py(0.25)}:eval=frame:enable='${stirExpr}'[v2]`,
    flipAt !== null
      ? `[v2][slab]overlay=x='${px(0.3)}+${px(0.08)}*sin(PI*(t-${flipAt})/${FLIP_SEC})':y='${py(0.4)}-${py(0.38)}*sin(PI*(t-${flipAt})/${FLIP_SEC})':eval=frame:enable='between(t,${flipAt},${flipAt + FLIP_SEC})'[v3]`
      : `[v2]null[v3]`,
    [
      '[v3]null',
      ...(timeline.blur ? [`gblur=sigma=${Math.max(2, W / 80)}:enable='gte(t,${timeline.blur.start})*lt(t,${timeline.blur.end})'`] : []),
      ...(dark ? [`drawbox=x=0:y=0:w=${W}:h=${H}:c=0x060606:t=fill:enable='gte(t,${dark.start})*lt(t,${dark.end})'`] : []),
      ...(options.grain ? [`noise=alls=${Math.min(30, Math.max(0, options.grain))}:allf=t`] : []),
      ...(rotation === 90 ? ['transpose=cclock'] : rotation === 270 ? ['transpose=clock'] : rotation === 180 ? ['hflip,vflip'] : []),
      ...(options.vfr ? [`select='not(eq(mod(n,5),1))*not(eq(mod(n,7),3))'`] : []),
    ].join(',') + '[v]',
  ];

  // libopus takes exactly 20 ms frames; ffmpeg 5.1 does not re-chunk filter output for it.
  const opus = codec === 'vp9' || ext === '.webm';
  if (timeline.hasAudio) {
    const lv = timeline.sizzleLevels;
    // Louder for the first seconds after the ingredients hit, with a slow wobble like real frying.
    const level = `if(lt(t,${addAt}),${lv.heating},if(lt(t,${plateAt}),${lv.cooking}*(1+0.4*exp(-(t-${addAt})/2))*(1+0.15*sin(2*PI*0.7*t)),${lv.plating}))`;
    graph.push(
      `anoisesrc=color=brown:amplitude=0.05:r=48000:seed=7:d=${d}[room]`,
      // Frying is a crackle, not a steady hiss: sparse random pops (steam bursting) over a softer
      // hiss, so the sound's texture (not only its level) says "frying", as a real pan does.
      `anoisesrc=color=white:amplitude=0.35:r=48000:seed=11:d=${d}[hissbed]`,
      // Steam bursts only once food is in: heating oil alone hisses faintly but does not crackle.
      `aevalsrc=exprs='gte(t\\,${addAt})*lt(random(0)\\,0.004)*(2*random(1)-1)*2.5':s=48000:d=${d}[pops]`,
      `[hissbed][pops]amix=inputs=2:normalize=0,highpass=f=3500,highpass=f=3500,lowpass=f=11000,volume=eval=frame:volume='${level}'[hiss]`,
      `[room][hiss]amix=inputs=2:normalize=0,aformat=channel_layouts=stereo${opus ? ',asetnsamples=n=960:p=0' : ''}[a]`,
    );
  }

  const video =
    codec === 'hevc'
      ? ['-c:v', 'libx265', '-preset', options.preset ?? 'ultrafast', '-x265-params', 'log-level=error', '-tag:v', 'hvc1']
      : codec === 'vp9'
        ? ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-crf', '40']
        : ['-c:v', 'libx264', '-preset', options.preset ?? 'ultrafast'];
  if (options.videoBitrateKbps && codec !== 'vp9') {
    video.push('-b:v', `${options.videoBitrateKbps}k`, '-maxrate', `${Math.round(options.videoBitrateKbps * 1.5)}k`, '-bufsize', `${options.videoBitrateKbps * 2}k`);
  } else if (codec === 'vp9') {
    video.push('-b:v', '0');
  }
  const audio = timeline.hasAudio
    ? ['-map', '[a]', ...(opus ? ['-c:a', 'libopus', '-b:a', '96k'] : ['-c:a', 'aac', '-b:a', '128k'])]
    : [];
  return [
    ...FFMPEG_BASE_ARGS,
    '-filter_complex',
    graph.join(';'),
    '-map',
    '[v]',
    ...video,
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(Math.max(1, Math.round(fps * (options.keyframeIntervalSec ?? 1)))),
    ...(options.vfr ? ['-fps_mode', 'vfr'] : []),
    ...audio,
    '-t',
    String(d),
    outputPath,
  ];
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
/** A tiny deterministic PRNG so the scene is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
