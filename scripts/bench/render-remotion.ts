/**
 * Benchmark: the same 90 s coaching-video spec rendered by the FFmpeg renderer (production) and
 * by Remotion's renderMedia (the composition the console previews), in one process, one after
 * the other, with the time and the ratio. The spec mirrors scripts/bench/render.ts: an intro
 * montage from a generated 1080p source at 2.4×, diagnosis and pivot cards, a 15 s clip with
 * captions and narration, an outro card with music and applause.
 *
 *   node --import tsx scripts/bench/render-remotion.ts [--sample N | --frames N] [--concurrency N] [--keep]
 *
 * A full Remotion render takes many minutes here, so it can be sampled: --sample N renders the
 * first N frames of each of the five segments (one renderMedia call each) and extrapolates each
 * segment's time to its length; --frames N renders the first N frames and extrapolates linearly.
 * The output says which it did.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cachedTestVideo } from '../../core/src/media/testing/test-videos';
import { renderVideo } from '../../core/src/render/render-video';
import { makeToneWav } from '../../core/src/render/testing/render-fixtures';
import { specToRenderInput } from '../../core/src/video/spec-to-render-input';
import { parseTimelineSpec, TIMELINE_FPS, TIMELINE_SIZE, TIMELINE_SPEC_VERSION } from '../../core/src/video/timeline-spec';
import type { NarrationLine, TimelineSpec } from '../../core/src/video/timeline-spec';
import { bundleComposition, openRemotionBrowser, renderMediaWithRemotion } from '../../remotion/src/render-with-remotion';
import { segmentFrames, totalFrames } from '../../remotion/src/timing';

const { values } = parseArgs({ options: { frames: { type: 'string' }, sample: { type: 'string' }, concurrency: { type: 'string' }, keep: { type: 'boolean', default: false } } });

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ajimi-bench-remotion-'));
  try {
    const { path: source, timeline } = await cachedTestVideo({ durationSec: 60, width: 1920, height: 1080, fps: 30 });
    // Stand-ins for TTS lines (tones of 3–6 s), keyed like TTS cache entries.
    const audio = new Map<string, string>();
    const line = async (id: string, text: string, startSec: number, sec: number, freq: number): Promise<NarrationLine> => {
      const key = `bench-${id}`;
      audio.set(key, await makeToneWav(join(dir, `${key}.wav`), sec, freq));
      return { id, text, lang: 'ja', audio: { key, durationSec: sec }, startSec };
    };
    const clipStart = Math.max(0, timeline.addAt - 2);
    const spec: TimelineSpec = parseTimelineSpec({
      specVersion: TIMELINE_SPEC_VERSION,
      fps: TIMELINE_FPS,
      ...TIMELINE_SIZE,
      locale: 'ja',
      source: { durationSec: 60, hasAudio: true },
      segments: [
        {
          kind: 'intro',
          durationSec: 25,
          montage: { ranges: [{ start: 0, end: 20 }, { start: 20, end: 40 }, { start: 40, end: 60 }], playbackRate: 2.4 },
          music: { track: 'synth:intro-theme', gainDb: -14, duckDb: -10 },
          lines: await Promise.all([line('part1.intro', 'チャーハン 3 回目のセッションです', 1, 5, 220), line('part1.principle', '鍋をしっかり熱してから油', 8, 6, 247), line('part1.more', '今日はそこを見ていきます', 16, 5, 262)]),
        },
        {
          kind: 'diagnosis',
          durationSec: 25,
          card: { title: '今回のポイント：卵を入れるタイミング', body: 'Kenji さん、油が温まる前に卵を入れていました' },
          music: null,
          lines: [await line('diagnosis', '油が温まる前に卵を入れていました', 1, 4, 294)],
        },
        { kind: 'pivot', durationSec: 5, lines: [await line('pivot', '動画を使ってそのポイントを見てみましょう', 0.5, 4, 392)] },
        {
          kind: 'clip',
          durationSec: 15,
          source: { start: clipStart, end: clipStart + 15 },
          sourceAudio: true,
          sourceDuckDb: -12,
          lines: await Promise.all([line('part2.0', 'ここで卵が入ります', 0.5, 3, 330), line('part2.1', '音が小さい', 6, 3, 440), line('part2.2', '煙が少し出るまで待つ', 11, 3, 349)]),
          captions: [
            { text: 'ここで卵が入ります。音を聞いてください', startSec: 0.5, endSec: 4.5 },
            { text: '"ジュッ" という音が小さい — the pan is not hot yet', startSec: 6, endSec: 10 },
            { text: '煙が少し出るまで待つ：それがルールです', startSec: 11, endSec: 14.5 },
          ],
        },
        {
          kind: 'outro',
          durationSec: 20,
          music: { track: 'synth:outro-theme', gainDb: -12, duckDb: 0 },
          applause: { track: 'synth:applause', startSec: 0.5, durationSec: 6, gainDb: -8 },
          card: { title: 'よくできました！', body: '次のセッションも楽しみにしています' },
          lines: [],
        },
      ],
    });
    const files = { sourceVideoPath: source, audioPath: (key: string) => audio.get(key)! };
    const total = totalFrames(spec);
    const videoSec = total / TIMELINE_FPS;
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; video ${videoSec.toFixed(1)} s (${total} frames)`);

    const t0 = performance.now();
    await renderVideo(specToRenderInput(spec, files), { cacheDir: join(dir, 'cache'), workDir: join(dir, 'work'), outputPath: join(dir, 'ffmpeg.mp4') });
    const ffmpegSec = (performance.now() - t0) / 1000;
    console.log(`FFmpeg renderer, empty cache     ${ffmpegSec.toFixed(1).padStart(7)} s  (${(ffmpegSec / videoSec).toFixed(3)}× real time)`);

    const tb = performance.now();
    await bundleComposition();
    const bundleSec = (performance.now() - tb) / 1000;
    const browser = await openRemotionBrowser();
    try {
      let shown = -1;
      const render = async (frameRange: [number, number] | undefined, name: string) => {
        const t = performance.now();
        await renderMediaWithRemotion({
          spec,
          files,
          assetDir: join(dir, 'cache', 'audio'),
          browser,
          output: join(dir, `${name}.mp4`),
          ...(frameRange ? { frameRange } : {}),
          ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
          onProgress: (f) => {
            const pct = Math.floor(f * 10) * 10;
            if (!frameRange && pct > shown) {
              shown = pct;
              process.stderr.write(`remotion ${pct}%\n`);
            }
          },
        });
        return (performance.now() - t) / 1000;
      };
      let remotionSec: number;
      let how: string;
      if (values.sample) {
        const n = Math.max(1, Number(values.sample));
        const seg = segmentFrames(spec);
        const parts: string[] = [];
        remotionSec = 0;
        for (const [i, segment] of spec.segments.entries()) {
          const count = Math.min(n, seg.durationInFrames[i]!);
          const sec = await render([seg.from[i]!, seg.from[i]! + count - 1], `sample-${segment.kind}`);
          remotionSec += (sec * seg.durationInFrames[i]!) / count;
          parts.push(`${segment.kind} ${(count / sec).toFixed(1)} fps`);
          process.stderr.write(`remotion sample ${segment.kind}: ${count} frames in ${sec.toFixed(1)} s\n`);
        }
        how = `extrapolated per segment from ${n} frames each (${parts.join(', ')})`;
      } else {
        const frames = values.frames ? Math.min(total, Math.max(1, Number(values.frames))) : total;
        const measured = await render(frames < total ? [0, frames - 1] : undefined, 'remotion');
        remotionSec = (measured * total) / frames;
        how = frames < total ? `extrapolated from the first ${frames} frames in ${measured.toFixed(1)} s` : 'whole video';
      }
      console.log(`Remotion bundle (once per process) ${bundleSec.toFixed(1).padStart(5)} s`);
      console.log(`Remotion renderMedia              ${remotionSec.toFixed(1).padStart(7)} s  (${(remotionSec / videoSec).toFixed(3)}× real time, ${(total / remotionSec).toFixed(1)} frames/s; ${how})`);
      console.log(`ratio Remotion / FFmpeg           ${(remotionSec / ffmpegSec).toFixed(1).padStart(7)}×`);
      console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      if (values.keep) console.log(`kept: ${dir}`);
    } finally {
      await browser.close({ silent: true });
    }
  } finally {
    if (!values.keep) await rm(dir, { recursive: true, force: true });
  }
}

await main();
