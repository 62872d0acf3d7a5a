/**
 * Benchmark: a 90 s coaching video in 5 segments as buildTimeline lays it out (intro montage from
 * a generated 1080p source; diagnosis and pivot text over the darkened footage; a 15 s clip with
 * captions and narration, then a 4 s slow replay at 0.5× with the marker; outro text over the
 * footage with music and applause), rendered from an empty segment cache, then again after one
 * caption changed, then with nothing changed. `--cards` renders the earlier layout (still title
 * cards for diagnosis, pivot and outro; no replay) for comparison.
 *
 *   node --import tsx scripts/bench/render.ts [--keep] [--cards]
 *
 * Prints wall-clock times and the ratio against the video's real time (lower is faster), and the
 * CPU time (this process and its ffmpeg children) per run: on a shared machine the wall clock
 * depends on the other load, the CPU time much less.
 */
import { readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cachedTestVideo } from '../../core/src/media/testing/test-videos';
import type { RenderInput, RenderSegment } from '../../core/src/render/render-input';
import { renderVideo } from '../../core/src/render/render-video';
import { makeToneWav } from '../../core/src/render/testing/render-fixtures';

/** CPU seconds used so far by this process and its waited-for children (Linux /proc, 100 ticks/s). */
function cpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": state is field 3, so utime..cstime (fields 14–17) are at 11–14.
  return fields.slice(11, 15).reduce((s, v) => s + Number(v), 0) / 100;
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const cards = process.argv.includes('--cards');
  const dir = await mkdtemp(join(tmpdir(), 'ajimi-bench-render-'));
  try {
    const tGen = performance.now();
    const { path: source, timeline } = await cachedTestVideo({ durationSec: 60, width: 1920, height: 1080, fps: 30 });
    const genMs = performance.now() - tGen;
    // Stand-ins for TTS lines (2–5 s each).
    const line = async (name: string, sec: number, freq: number) => makeToneWav(join(dir, `${name}.wav`), sec, freq);
    const [l1, l2, l3, l4, l5, l6, l7, l8] = await Promise.all([
      line('l1', 5, 220), line('l2', 6, 247), line('l3', 5, 262), line('l4', 4, 294),
      line('l5', 3, 330), line('l6', 3, 349), line('l7', 4, 392), line('l8', 3, 440),
    ]);
    const clipStart = Math.max(0, timeline.addAt - 2);
    const segments: RenderSegment[] = [
      {
        kind: 'intro', durationSec: 25,
        background: { type: 'source', path: source, ranges: [{ start: 0, end: 20 }, { start: 20, end: 40 }, { start: 40, end: 60 }], rate: 2.4 },
        narration: [{ audioPath: l1!, startSec: 1 }, { audioPath: l2!, startSec: 8 }, { audioPath: l3!, startSec: 16 }],
        captions: [], music: true, applause: false,
      },
      {
        kind: 'diagnosis', durationSec: 25,
        ...textOver(source, [{ start: 5, end: 30 }], 0.55, '今回のポイント：卵を入れるタイミング', 'Kenji さん、油が温まる前に卵を入れていました'),
        narration: [{ audioPath: l4!, startSec: 1 }, { audioPath: l5!, startSec: 8 }, { audioPath: l6!, startSec: 15 }],
        captions: [], music: false, applause: false,
      },
      {
        kind: 'pivot', durationSec: 5,
        ...textOver(source, [{ start: clipStart - 5, end: clipStart }], 0.45, '動画を使ってそのポイントを見てみましょう'),
        narration: [{ audioPath: l7!, startSec: 0.5 }], captions: [], music: false, applause: false,
      },
      {
        kind: 'clip', durationSec: cards ? 15 : 19,
        background: {
          type: 'source', path: source, rate: 1, sourceVolume: 0.6,
          ranges: [{ start: clipStart, end: clipStart + 15 }, ...(cards ? [] : [{ start: clipStart + 1, end: clipStart + 3, rate: 0.5 }])],
        },
        ...(cards ? {} : { marker: { x: 500, y: 260, w: 280, h: 220, startSec: 15, endSec: 19 } }),
        narration: [{ audioPath: l5!, startSec: 0.5 }, { audioPath: l8!, startSec: 6 }, { audioPath: l6!, startSec: 11 }],
        captions: [
          { text: 'ここで卵が入ります。音を聞いてください', startSec: 0.5, endSec: 4.5 },
          { text: '"ジュッ" という音が小さい — the pan is not hot yet', startSec: 6, endSec: 10 },
          { text: '煙が少し出るまで待つ：それがルールです', startSec: 11, endSec: 14.5 },
        ],
        music: false, applause: false,
      },
      {
        kind: 'outro', durationSec: cards ? 20 : 16,
        ...textOver(source, [{ start: 44, end: 60 }], 0.4, 'よくできました！', '次のセッションも楽しみにしています'),
        narration: [{ audioPath: l4!, startSec: 1 }], captions: [], music: true, applause: true,
      },
    ];
    const input: RenderInput = { segments };
    const total = segments.reduce((a, s) => a + s.durationSec, 0);
    const cacheDir = join(dir, 'cache');
    const run = async (label: string, inp: RenderInput, name: string) => {
      const t0 = performance.now();
      const cpu0 = cpuSeconds();
      const r = await renderVideo(inp, { cacheDir, workDir: join(dir, 'work'), outputPath: join(dir, `${name}.mp4`) });
      const sec = (performance.now() - t0) / 1000;
      const cpu = cpuSeconds() - cpu0;
      console.log(
        `${label.padEnd(34)} ${sec.toFixed(1).padStart(6)} s  ratio ${(sec / total).toFixed(3)}× real time  cpu ${cpu.toFixed(1)} s (${(cpu / total).toFixed(3)}×)  ` +
          `(video ${r.durationSec.toFixed(2)} s; segments ${r.segments.map((s) => `${s.cached ? 'cached' : 'rendered'} ${(s.ms / 1000).toFixed(1)}s`).join(', ')})`,
      );
      return r;
    };
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; source 1920×1080 60 s (generated in ${(genMs / 1000).toFixed(1)} s, cached)`);
    await run('full render (empty cache)', input, 'full');
    const edited: RenderInput = {
      segments: segments.map((s) =>
        s.kind === 'clip' ? { ...s, captions: s.captions.map((c, i) => (i === 2 ? { ...c, text: '煙がうっすら出るまで待つ：それがルールです' } : c)) } : s,
      ),
    };
    await run('re-render after one caption edit', edited, 'edited');
    const last = await run('re-render, nothing changed', edited, 'same');
    if (keep) console.log(`kept: ${last.path} (${last.posterPath})`);
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

/** Text over darkened footage, or (with --cards) the earlier still title card. */
function textOver(path: string, ranges: Array<{ start: number; end: number }>, dim: number, title: string, subtitle?: string): Pick<RenderSegment, 'background' | 'title'> {
  if (process.argv.includes('--cards')) return { background: { type: 'card', title, ...(subtitle ? { subtitle } : {}) } };
  return { background: { type: 'source', path, ranges, rate: 1, sourceVolume: 0, dim }, title: { title, ...(subtitle ? { subtitle } : {}) } };
}

await main();
