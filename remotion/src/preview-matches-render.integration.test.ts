/**
 * A frame of the final MP4 (FFmpeg renderer) must look like the same frame of the Remotion
 * composition (what the console previews): SSIM of a caption band inside the clip and of a
 * title card, each against a negative control (the same spec with different text) that must
 * score clearly lower, so a styling drift between the two renderers fails this test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeadlessBrowser } from '@remotion/renderer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FFMPEG_BASE_ARGS, runMediaTool } from '@ajimi/core/media/run-media-tool';
import { cachedTestVideo } from '@ajimi/core/media/testing/test-videos';
import { EspeakTextToSpeech } from '@ajimi/core/providers/tts/espeak-tts';
import { renderVideo } from '@ajimi/core/render/render-video';
import { displayText, layoutCaption, layoutCard, RENDER_STYLE } from '@ajimi/core/render/style';
import { buildTimeline } from '@ajimi/core/video/build-timeline';
import { specToRenderInput } from '@ajimi/core/video/spec-to-render-input';
import type { TimelineSpec } from '@ajimi/core/video/timeline-spec';
import { keyMomentAt, makeInput, makeScript } from '@ajimi/core/video/testing/fixtures';
import { openRemotionBrowser, renderStillWithRemotion, type RemotionRenderFiles } from './render-with-remotion';
import { segmentFrames } from './timing';

let dir: string;
let spec: TimelineSpec;
let files: RemotionRenderFiles;
let mp4: string;
let browser: HeadlessBrowser;
const audio = new Map<string, string>();
/** The test video's covered-lens stretch (a dark picture): the outro's control shows it instead. */
let dark: { start: number; end: number } | null = null;

/** Mixed Japanese/Latin with emoji (stripped on screen by both renderers). */
const CAPTION = '🍳 IH は MAX、卵を入れます 🔥';
const OTHER_CAPTION = '煙がうっすら出るまで待つ：それがルールです (rule #1)';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ajimi-preview-vs-render-'));
  const { path: source, timeline } = await cachedTestVideo({ durationSec: 20, width: 1280, height: 720 });
  dark = timeline.dark;
  const tts = new EspeakTextToSpeech({ cacheDir: join(tmpdir(), 'ajimi-test-tts') });
  const script = makeScript(keyMomentAt(6, 16));
  script.part2[0]!.text.ja = CAPTION;
  const built = await buildTimeline(
    makeInput({
      script,
      keyMoment: { start: 6, end: 16 },
      source: { durationSec: 20, hasAudio: true },
      layout: { introSec: 3, diagnosisSec: 3, pivotSec: 2, outroSec: 3 },
      // As the pipeline does: the covered-lens stretch is left out of the footage behind the text.
      footage: { unusable: timeline.dark ? [timeline.dark] : [] },
      tts: async (text, lang) => {
        const speech = await tts.synthesize(text, { lang });
        audio.set(speech.key, speech.audioPath);
        return { key: speech.key, durationSec: speech.durationSec };
      },
    }),
  );
  if (!built.ok) throw new Error(JSON.stringify(built.issues, null, 2));
  spec = built.spec;
  files = { sourceVideoPath: source, audioPath: (key) => audio.get(key)! };
  const rendered = await renderVideo(specToRenderInput(spec, files), { cacheDir: join(dir, 'cache'), workDir: join(dir, 'work'), outputPath: join(dir, 'final.mp4') });
  mp4 = rendered.path;
  browser = await openRemotionBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close({ silent: true });
  if (dir && !process.env.AJIMI_KEEP_TEST_FILES) await rm(dir, { recursive: true, force: true });
});

/** Frame `n` of the MP4 as PNG (by frame number, not by time: no seek rounding). */
async function mp4Frame(n: number, out: string): Promise<string> {
  await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-i', mp4, '-vf', `select=eq(n\\,${n})`, '-frames:v', '1', '-update', '1', out]);
  return out;
}

/** SSIM (all planes) of two images over a crop. */
async function ssim(a: string, b: string, crop: { x: number; y: number; w: number; h: number }): Promise<number> {
  const c = `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y},format=yuv444p`;
  // The SSIM summary is an info-level log line.
  const { stderr } = await runMediaTool('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'info', '-i', a, '-i', b, '-filter_complex', `[0:v]${c}[a];[1:v]${c}[b];[a][b]ssim`, '-f', 'null', '-']);
  const m = /All:([\d.]+)/.exec(stderr);
  if (!m) throw new Error(`no SSIM in ffmpeg output: ${stderr.slice(-500)}`);
  return Number(m[1]);
}

const still = (s: TimelineSpec, frame: number, name: string) =>
  renderStillWithRemotion({ spec: s, files, assetDir: join(dir, 'cache', 'audio'), browser, frame, output: join(dir, `${name}.png`) });

/**
 * Measured on this machine (Debian Chromium 150 vs ffmpeg 5.1 drawtext, same Noto Sans CJK files):
 * aligned frames score 0.988 (card text block) and 0.992 (caption band); the same crops shifted
 * by one pixel vertically score 0.969–0.975, the controls with other text 0.89–0.93. 0.98 passes
 * the aligned frames and fails a one-pixel drift or different text.
 */
const THRESHOLD = 0.98;
/** The control must stay clearly below the threshold, or the comparison could not tell texts apart. */
const CONTROL_MARGIN = 0.03;

describe('the Remotion composition matches the FFmpeg render', () => {
  it('a caption frame inside the clip (mixed Japanese/Latin, emoji stripped): the caption band', async () => {
    const frames = segmentFrames(spec);
    const caption = spec.segments[3].captions[0]!;
    expect(caption.text).toBe(CAPTION);
    const frame = frames.from[3]! + Math.round(((caption.startSec + caption.endSec) / 2) * spec.fps);
    // The band from just above the caption box to the bottom edge.
    const top = layoutCaption(displayText(caption.text))[0]!.top - RENDER_STYLE.captionBorder - 8;
    const band = { x: 0, y: top, w: spec.width, h: spec.height - top };

    const rendered = await mp4Frame(frame, join(dir, 'mp4-caption.png'));
    const preview = await still(spec, frame, 'still-caption');
    const changed: TimelineSpec = structuredClone(spec);
    changed.segments[3].captions[0]!.text = OTHER_CAPTION;
    const control = await still(changed, frame, 'still-caption-control');

    const same = await ssim(rendered, preview, band);
    const other = await ssim(rendered, control, band);
    console.log(`caption band SSIM at frame ${frame}: preview ${same.toFixed(4)}, control ${other.toFixed(4)} (threshold ${THRESHOLD})`);
    expect(same).toBeGreaterThan(THRESHOLD);
    expect(other).toBeLessThan(THRESHOLD - CONTROL_MARGIN);
  }, 300_000);

  it('a title frame (the diagnosis title over the darkened footage): the text block and the whole frame', async () => {
    const frames = segmentFrames(spec);
    const diagnosis = spec.segments[1];
    const frame = frames.from[1]! + Math.floor(frames.durationInFrames[1]! / 2);
    const lines = layoutCard(diagnosis.card.title, diagnosis.card.body);
    const top = lines[0]!.top - 12;
    const last = lines.at(-1)!;
    const block = { x: 0, y: top, w: spec.width, h: last.top + last.size + 16 - top };

    const rendered = await mp4Frame(frame, join(dir, 'mp4-card.png'));
    const preview = await still(spec, frame, 'still-card');
    const changed: TimelineSpec = structuredClone(spec);
    changed.segments[1].card.title = 'けんじさんへ ― 火加減のコツ';
    const control = await still(changed, frame, 'still-card-control');

    const same = await ssim(rendered, preview, block);
    const other = await ssim(rendered, control, block);
    // The whole frame too: the gradient must match (it is most of the picture).
    const whole = await ssim(rendered, preview, { x: 0, y: 0, w: spec.width, h: spec.height });
    console.log(`card text SSIM at frame ${frame}: preview ${same.toFixed(4)}, control ${other.toFixed(4)}; whole frame ${whole.toFixed(4)}`);
    expect(same).toBeGreaterThan(THRESHOLD);
    expect(other).toBeLessThan(THRESHOLD - CONTROL_MARGIN);
    expect(whole).toBeGreaterThan(0.99);
  }, 300_000);

  it('the outro over the cook’s footage: the replay of the moment, then the dish, frame for frame', async () => {
    const frames = segmentFrames(spec);
    const outro = spec.segments[4];
    expect(outro.footage!.ranges.length).toBeGreaterThanOrEqual(2); // the replay, then the dish
    const replaySec = outro.footage!.ranges[0]!.end - outro.footage!.ranges[0]!.start;
    // One frame inside the replay, one inside the dish.
    const picks = [Math.floor((replaySec / 2) * spec.fps), Math.floor(((replaySec + outro.durationSec) / 2) * spec.fps)].map((f) => frames.from[4]! + f);
    // The control: the same outro showing the covered-lens seconds instead (ranges of the same lengths).
    const changed: TimelineSpec = structuredClone(spec);
    changed.segments[4].footage!.ranges = changed.segments[4].footage!.ranges.map((r) => ({ start: dark!.start, end: dark!.start + (r.end - r.start) }));
    for (const [i, frame] of picks.entries()) {
      const rendered = await mp4Frame(frame, join(dir, `mp4-outro-${i}.png`));
      const preview = await still(spec, frame, `still-outro-${i}`);
      const control = await still(changed, frame, `still-outro-control-${i}`);
      const whole = { x: 0, y: 0, w: spec.width, h: spec.height };
      const same = await ssim(rendered, preview, whole);
      const other = await ssim(rendered, control, whole);
      console.log(`outro frame ${frame}: preview ${same.toFixed(4)}, control (covered-lens footage) ${other.toFixed(4)}`);
      expect(same).toBeGreaterThan(0.99);
      expect(other).toBeLessThan(0.99 - CONTROL_MARGIN);
    }
  }, 300_000);
});
