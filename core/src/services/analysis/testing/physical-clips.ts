import { rm, writeFile } from 'node:fs/promises';
import { FFMPEG_BASE_ARGS, runMediaTool } from '../../../media/run-media-tool';
import { frying, hum, mix, noise, onePoleHigh, onePoleLow, rng, speech } from '../../../media/testing/synthetic-sounds';

/**
 * Generated clips for the physical situations real footage throws at the analyzer (issue 12),
 * each with its ground truth in the annotations.json format of the evaluation:
 * - a head camera walking from a kitchen to a table: the whole picture moves (camera motion);
 * - a short fast toss in one corner of the frame, then a hand over the lens;
 * - speech over an extractor fan (hum and airflow), no frying.
 * Pictures come from ffmpeg's lavfi sources; sounds from the seeded synthetic kitchen sounds.
 */
export interface PhysicalClipTruth {
  cooking: boolean;
  audio: boolean;
  events: Array<{ type: string; start: number; end: number }>;
  frying: Array<[number, number]>;
  /** Seconds where the lens is covered: nothing may be claimed inside. */
  covered?: Array<[number, number]>;
  note: string;
}

const RATE = 48_000;
const W = 640;
const H = 360;
const FPS = 30;

/** Muxes a lavfi picture graph (ending in [v]) with mono float samples into an MP4. */
async function render(out: string, graph: string, seconds: number, sound: Float32Array): Promise<void> {
  const pcm = `${out}.f32`;
  await writeFile(pcm, Buffer.from(sound.buffer, sound.byteOffset, sound.byteLength));
  try {
    // The graph has no inputs of its own, so the sound file is input 0.
    await runMediaTool('ffmpeg', [
      ...FFMPEG_BASE_ARGS,
      '-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', pcm,
      '-filter_complex', graph,
      '-map', '[v]', '-map', '0:a',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', String(FPS),
      '-c:a', 'aac', '-b:a', '128k', '-t', String(seconds), out,
    ]);
  } finally {
    await rm(pcm, { force: true });
  }
}

/** Deterministic boxes ("furniture", "things on the counter") so a scene has texture everywhere. */
function boxes(count: number, width: number, height: number, seed: number): string[] {
  const rand = rng(seed);
  const colours = ['0x3b5e8c', '0xb04a3a', '0xe0d8c0', '0x4f7a3a', '0x222222', '0xd9a441', '0x8c6fa8', '0xf2f2f2'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = Math.round(width * (0.02 + 0.06 * rand()));
    const h = Math.round(height * (0.08 + 0.3 * rand()));
    const x = Math.round(rand() * (width - w));
    const y = Math.round(rand() * (height - h));
    out.push(`drawbox=x=${x}:y=${y}:w=${w}:h=${h}:c=${colours[i % colours.length]}:t=fill`);
  }
  return out;
}

/** Footsteps: a low thump of the heel (and a faint scuff) about 1.8 times a second, over room tone. */
function footsteps(seconds: number, seed: number): Float32Array {
  const rand = rng(seed);
  const out = noise(RATE, seconds, 0.002, seed + 1);
  for (let t = 0.3; t < seconds; t += 0.5 + 0.08 * rand()) {
    const start = Math.round(t * RATE);
    const a = 0.15 + 0.1 * rand();
    for (let i = 0; i < 0.12 * RATE && start + i < out.length; i++) {
      out[start + i] = out[start + i]! + a * Math.sin((2 * Math.PI * 90 * i) / RATE) * Math.exp(-i / (0.025 * RATE));
    }
  }
  return mix(out, onePoleLow(noise(RATE, seconds, 0.01, seed + 2), RATE, 400));
}

/**
 * A head camera walking from the kitchen (a stove with a pan, on the left of a wide scene) to a
 * table: the view slides across the scene, bobs with each step and turns faster once; everything
 * in the picture moves together. Nothing is cooked: the analyzer must abstain or claim nothing
 * about the pan.
 */
export async function makeCameraWalkClip(out: string, seconds = 12): Promise<PhysicalClipTruth> {
  const worldW = 2600;
  const worldH = 480;
  const scene = [
    `color=c=0x8a7a66:s=${worldW}x${worldH}:r=${FPS}:d=${1 / FPS}`,
    `drawgrid=w=52:h=48:t=2:c=0x6d5f4f`,
    // The stove and its pan on the left, where the walk starts.
    `drawbox=x=120:y=200:w=360:h=220:c=0x303030:t=fill`,
    `drawbox=x=190:y=240:w=200:h=130:c=0x1a1a1a:t=fill`,
    ...boxes(40, worldW, worldH, 77),
    'format=yuv420p',
    `loop=loop=${Math.ceil(seconds * FPS)}:size=1:start=0`,
    `setpts=N/${FPS}/TB`,
    // Walk right at ~120 px/s, a quicker head turn 5–6.5 s, a step bob at 1.8 Hz.
    `crop=w=${W}:h=${H}:x='min(${worldW - W - 20}\\,10+120*t+300*max(0\\,min(1\\,(t-5)/1.5))+8*sin(2*PI*0.9*t))':y='${(worldH - H) / 2}+14*sin(2*PI*1.8*t)'`,
    'noise=alls=4:allf=t',
    'format=yuv420p',
  ].join(',');
  await render(out, `${scene}[v]`, seconds, mix(footsteps(seconds, 31), speech(RATE, seconds, 12).map((v) => v * 0.3)));
  return { cooking: false, audio: true, events: [], frying: [], note: 'head camera walking from a kitchen to a table (whole picture moves)' };
}

/** The toss instants and how long one lasts (the pancake in the air). */
export const TOSS_TIMES = [3.9, 4.8, 6.6] as const;
const TOSS_SEC = 0.5;

/**
 * A pancake tossed three times in a small pan in the top-right corner of the frame (the rest of
 * the kitchen is still), a hand closing over the lens from 8.5 s to the end, and butter frying
 * throughout. The tosses must be found within ±1 s at 0.25 s resolution; nothing may be claimed in
 * the covered part; the cooking time is not the clip's length (the clip starts and ends mid-cook).
 */
export async function makeCornerTossClip(out: string, seconds = 10, coverAt = 8.5): Promise<PhysicalClipTruth> {
  const pan = { x: Math.round(W * 0.66), y: Math.round(H * 0.06), w: Math.round(W * 0.28), h: Math.round(H * 0.36) };
  const cake = { w: 96, h: 30 };
  const tossing = TOSS_TIMES.map((t) => `between(t,${t},${t + TOSS_SEC})`).join('+');
  // Height of the pancake above the pan: a half sine per toss.
  const lift = TOSS_TIMES.map((t) => `between(t,${t},${t + TOSS_SEC})*sin(PI*(t-${t})/${TOSS_SEC})`).join('+');
  const handIn = 0.35;
  const graph = [
    [
      `color=c=0x7a634c:s=${W}x${H}:r=${FPS}:d=${1 / FPS}`,
      `drawgrid=w=${W / 8}:h=${H / 6}:t=2:c=0x5b4733`,
      ...boxes(10, Math.round(W * 0.6), H, 5),
      `drawbox=x=${pan.x}:y=${pan.y}:w=${pan.w}:h=${pan.h}:c=0x9a9a9a:t=fill`,
      `drawbox=x=${pan.x + 5}:y=${pan.y + 5}:w=${pan.w - 10}:h=${pan.h - 10}:c=0x262626:t=fill`,
      'format=yuv420p',
      `loop=loop=${Math.ceil(seconds * FPS)}:size=1:start=0`,
      `setpts=N/${FPS}/TB`,
    ].join(',') + '[bg]',
    `color=c=0xe0b060:s=${cake.w}x${cake.h}:r=${FPS}:d=${seconds}[cake]`,
    // The pan jerks sideways as it tosses; the pancake rises up to 90 px and lands.
    `[bg][cake]overlay=x='${pan.x + (pan.w - cake.w) / 2}+18*sin(2*PI*(t)/${TOSS_SEC})*(${tossing})':y='${pan.y + pan.h / 2 - cake.h / 2}-90*(${lift})':eval=frame[scene]`,
    // A hand right at the lens: out of focus (no detail), skin-toned, darker to one side; it slides in.
    `color=c=0xc99a7c:s=${W}x${H}:r=${FPS}:d=${seconds},vignette=angle=PI/3,gblur=sigma=20[hand]`,
    `[scene][hand]overlay=x='if(lt(t,${coverAt}),${W},max(0,${W}*(1-(t-${coverAt})/${handIn})))':y=0:eval=frame,noise=alls=3:allf=t,format=yuv420p[v]`,
  ].join(';');
  const sound = mix(frying(RATE, seconds, { amp: 0.25, clicksPerSec: 30, seed: 21 }), onePoleHigh(noise(RATE, seconds, 0.003, 22), RATE, 100));
  await render(out, graph, seconds, sound);
  return {
    cooking: true,
    audio: true,
    events: TOSS_TIMES.map((t) => ({ type: 'flipping', start: t, end: t + TOSS_SEC })),
    frying: [[0, seconds]],
    covered: [[coverAt, seconds]],
    note: 'three quick tosses in the top-right corner, a hand over the lens from 8.5 s',
  };
}

/**
 * Someone talking over an extractor fan (a 50 Hz hum with harmonics and broadband airflow) in a
 * kitchen with a pan on the stove that nobody works; once, a body passes right in front of the
 * camera (most of the picture changes at once). Nothing is cooking and the sound is never frying.
 */
export async function makeSpeechHumClip(out: string, seconds = 20, passAt = 8): Promise<PhysicalClipTruth> {
  const pan = { x: Math.round(W * 0.25), y: Math.round(H * 0.2), w: Math.round(W * 0.5), h: Math.round(H * 0.6) };
  const passSec = 1.6;
  const graph = [
    [
      `color=c=0x7a634c:s=${W}x${H}:r=${FPS}:d=${1 / FPS}`,
      `drawgrid=w=${W / 8}:h=${H / 6}:t=2:c=0x5b4733`,
      `drawbox=x=${pan.x}:y=${pan.y}:w=${pan.w}:h=${pan.h}:c=0x262626:t=fill`,
      `drawbox=x=${pan.x + 40}:y=${pan.y + 40}:w=60:h=40:c=0xd8893a:t=fill`,
      'format=yuv420p',
      `loop=loop=${Math.ceil(seconds * FPS)}:size=1:start=0`,
      `setpts=N/${FPS}/TB`,
    ].join(',') + '[bg]',
    // A body (a dark shirt, out of focus) crossing the frame close to the lens.
    `color=c=0x35404f:s=${Math.round(W * 0.7)}x${H}:r=${FPS}:d=${seconds},gblur=sigma=6[body]`,
    `[bg][body]overlay=x='-${Math.round(W * 0.7)}+(t-${passAt})/${passSec}*${Math.round(W * 1.7)}':y=0:eval=frame:enable='between(t,${passAt},${passAt + passSec})',noise=alls=4:allf=t,format=yuv420p[v]`,
  ].join(';');
  const fan = onePoleLow(onePoleHigh(noise(RATE, seconds, 0.03, 41), RATE, 80), RATE, 1500);
  await render(out, graph, seconds, mix(speech(RATE, seconds, 40), hum(RATE, seconds, 50).map((v) => v * 0.2), fan));
  return { cooking: false, audio: true, events: [], frying: [], note: 'speech over an extractor fan, a pan nobody works, a body passing the lens at 8 s; nothing frying' };
}
