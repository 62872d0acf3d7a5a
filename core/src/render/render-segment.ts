import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probeVideo } from '../media/probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool, type MediaCallOptions } from '../media/run-media-tool';
import { resolveCjkFonts, type CjkFonts } from './cjk-font';
import { RENDER_FORMAT, validateRenderSegment, type RenderSegment } from './render-input';
import { applauseWindow, cardGradientLine, layoutCaption, layoutCard, musicFades, RENDER_STYLE, type StyledLine } from './style';
import { applauseWav, musicWav } from './synth-audio';
import { escapeFilterValue as q } from './text-layout';

/** Look of cards and captions: shared with the Remotion composition (./style). */
export { RENDER_STYLE } from './style';

export interface RenderSegmentOptions extends MediaCallOptions {
  /** Where temporary files (caption text files, the filter script) go; cleaned up afterwards. */
  workDir: string;
  /** Where synthesised music/applause WAVs are cached. */
  assetDir: string;
  /** 0..1 as ffmpeg encodes. */
  onProgress?: (fraction: number) => void;
  fonts?: CjkFonts;
}

export interface RenderedSegment {
  path: string;
  durationSec: number;
}

/** Encoder settings shared by every segment so the join can stream-copy. */
export const SEGMENT_ENCODE_ARGS = [
  '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '22', '-pix_fmt', 'yuv420p', '-profile:v', 'high', '-level:v', '4.0',
  '-r', String(RENDER_FORMAT.fps), '-g', String(RENDER_FORMAT.fps * 2), '-video_track_timescale', '15360',
  '-c:a', 'aac', '-b:a', '160k', '-ar', String(RENDER_FORMAT.sampleRate), '-ac', String(RENDER_FORMAT.channels),
] as const;

/** A segment's length rounded to whole frames (so audio and video end together). */
export function frameAlignedDuration(sec: number): number {
  return Math.max(1, Math.round(sec * RENDER_FORMAT.fps)) / RENDER_FORMAT.fps;
}

const n3 = (v: number) => (Math.round(v * 1000) / 1000).toString();

/**
 * Renders one segment to an MP4 (1280×720, 30 fps, H.264 yuv420p, AAC 48 kHz stereo) with one
 * ffmpeg process. Everything varying (texts, paths) goes through text files and an escaped filter
 * script, never a shell.
 */
export async function renderSegment(segment: RenderSegment, outputPath: string, options: RenderSegmentOptions): Promise<RenderedSegment> {
  validateRenderSegment(segment);
  const fonts = options.fonts ?? (await resolveCjkFonts());
  const D = frameAlignedDuration(segment.durationSec);
  const { width: W, height: H, fps } = RENDER_FORMAT;
  const tmp = await mkdtemp(join(options.workDir, 'seg-'));
  try {
    const inputs: string[] = [];
    let nextInput = 0;
    const addInput = (...args: string[]) => {
      inputs.push(...args);
      return nextInput++;
    };
    const graph: string[] = [];
    let textFiles = 0;
    const textFile = async (text: string) => {
      const path = join(tmp, `text-${textFiles++}.txt`);
      await writeFile(path, text, 'utf8');
      return path;
    };
    const S = RENDER_STYLE;
    const fontFor = (line: StyledLine) => (line.weight === 'bold' ? fonts.bold : fonts.regular);
    /** One laid-out line (./style): `top` is drawtext's y, the top of the line's ink. */
    const drawtext = async (line: StyledLine, enable?: string) => {
      const parts = [
        `fontfile=${q(fontFor(line))}`,
        `textfile=${q(await textFile(line.text))}`,
        'expansion=none',
        `fontsize=${line.size}`,
        `fontcolor=${q(line.color)}`,
        `x=${q('(w-text_w)/2')}`,
        `y=${line.top}`,
      ];
      if (line.box) parts.push('box=1', `boxcolor=${q(`${S.captionBox.color}@${S.captionBox.alpha}`)}`, `boxborderw=${S.captionBorder}`);
      if (line.shadow) parts.push(`shadowcolor=${q(`${S.shadow.color}@${S.shadow.alpha}`)}`, `shadowx=${S.shadow.x}`, `shadowy=${S.shadow.y}`);
      if (enable) parts.push(`enable=${q(enable)}`);
      return `drawtext=${parts.join(':')}`;
    };

    // --- Picture ---
    const bg = segment.background;
    let videoLabel: string;
    let sourceAudio: string | null = null;
    if (bg.type === 'card') {
      const [c0, c1] = bg.colors ?? S.cardColors;
      const g = cardGradientLine(W, H);
      // One gradient frame, looped: cheaper than drawing the gradient for every frame.
      const idx = addInput(
        '-f', 'lavfi', '-i',
        `gradients=s=${W}x${H}:r=${fps}:d=${n3(1 / fps)}:c0=${q(c0)}:c1=${q(c1)}:x0=${g.x0}:y0=${g.y0}:x1=${g.x1}:y1=${g.y1}:speed=0.00001:seed=1`,
      );
      const filters = [`loop=loop=-1:size=1:start=0`, `setpts=N/${fps}/TB`, `trim=duration=${n3(D)}`, 'format=yuv420p'];
      for (const line of layoutCard(bg.title, bg.subtitle)) filters.push(await drawtext(line));
      graph.push(`[${idx}:v]${filters.join(',')}[bg]`);
      videoLabel = 'bg';
    } else {
      const probe = await probeVideo(bg.path, options);
      if (!probe.hasVideo) throw new Error(`${bg.path} has no video stream`);
      const wantAudio = (bg.sourceVolume ?? 0) > 0 && probe.hasAudio;
      const vParts: string[] = [];
      const aParts: string[] = [];
      for (const [i, r] of bg.ranges.entries()) {
        const rate = r.rate ?? bg.rate;
        const idx = addInput('-ss', n3(r.start), '-t', n3(r.end - r.start), '-i', bg.path);
        graph.push(
          `[${idx}:v]setpts=(PTS-STARTPTS)/${rate},fps=${fps},` +
            `scale=${W}:${H}:force_original_aspect_ratio=decrease:flags=bicubic,` +
            `pad=${W}:${H}:(ow-iw)/2:(oh-ih)/2:color=${q(S.padColor)},setsar=1,format=yuv420p[sv${i}]`,
        );
        vParts.push(`[sv${i}]`);
        if (wantAudio) {
          // A slowed range is silent (a stretched sizzle misleads more than it helps).
          graph.push(`[${idx}:a]asetpts=PTS-STARTPTS,${atempoChain(rate)}${rate < 1 ? 'volume=0,' : ''}aresample=${RENDER_FORMAT.sampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo[sa${i}]`);
          aParts.push(`[sa${i}]`);
        }
      }
      const joined = vParts.length > 1 ? `${vParts.join('')}concat=n=${vParts.length}:v=1:a=0,` : `${vParts[0]}`;
      const head = vParts.length > 1 ? joined : `${joined}null,`;
      // Hold the last frame if the ranges are shorter than the segment.
      const over: string[] = [];
      // Darkening as the preview's black overlay does it (RGB × (1 − dim)): in limited-range YUV that is
      // luma and both chroma deviations scaled alike (drawbox's alpha greys the colours instead).
      if (bg.dim) {
        const k = n3(1 - bg.dim);
        over.push(`lutyuv=y=${q(`16+(val-16)*${k}`)}:u=${q(`128+(val-128)*${k}`)}:v=${q(`128+(val-128)*${k}`)}`);
      }
      if (segment.title) for (const line of layoutCard(segment.title.title, segment.title.subtitle)) over.push(await drawtext(line));
      graph.push(`${head}tpad=stop_mode=clone:stop_duration=${n3(D)},trim=duration=${n3(D)}${over.map((f) => `,${f}`).join('')}[bg]`);
      videoLabel = 'bg';
      if (wantAudio) {
        const a = aParts.length > 1 ? `${aParts.join('')}concat=n=${aParts.length}:v=0:a=1,` : `${aParts[0]}anull,`;
        graph.push(`${a}volume=${bg.sourceVolume},apad=whole_dur=${n3(D)},atrim=duration=${n3(D)}[srca]`);
        sourceAudio = 'srca';
      }
    }

    // --- Marker and captions ---
    const captionFilters: string[] = [];
    const m = segment.marker;
    if (m) {
      captionFilters.push(
        `drawbox=x=${m.x}:y=${m.y}:w=${m.w}:h=${m.h}:color=${q(`${S.marker.color}@1`)}:t=${S.marker.thickness}:enable=${q(`between(t,${n3(m.startSec)},${n3(m.endSec)})`)}`,
      );
    }
    for (const c of segment.captions) {
      for (const line of layoutCaption(c.text)) captionFilters.push(await drawtext(line, `between(t,${n3(c.startSec)},${n3(c.endSec)})`));
    }
    if (captionFilters.length) {
      graph.push(`[${videoLabel}]${captionFilters.join(',')}[vout]`);
      videoLabel = 'vout';
    }

    // --- Sound ---
    const base = addInput('-f', 'lavfi', '-t', n3(D), '-i', `anullsrc=r=${RENDER_FORMAT.sampleRate}:cl=stereo`);
    const mix: string[] = [`[${base}:a]`];
    const fmt = `aresample=${RENDER_FORMAT.sampleRate},aformat=sample_fmts=fltp:channel_layouts=stereo`;
    let narration: string | null = null;
    if (segment.narration.length) {
      const labels: string[] = [];
      for (const [i, line] of segment.narration.entries()) {
        const idx = addInput('-i', line.audioPath);
        const ms = Math.round(line.startSec * 1000);
        graph.push(`[${idx}:a]${fmt},adelay=${ms}:all=1[n${i}]`);
        labels.push(`[n${i}]`);
      }
      const mixed = labels.length > 1 ? `${labels.join('')}amix=inputs=${labels.length}:normalize=0:duration=longest,` : `${labels[0]}anull,`;
      const users = 1 + (segment.music ? 1 : 0) + (sourceAudio ? 1 : 0);
      graph.push(`${mixed}apad=whole_dur=${n3(D)},atrim=duration=${n3(D)},asplit=${users}${Array.from({ length: users }, (_, k) => `[nar${k}]`).join('')}`);
      mix.push('[nar0]');
      narration = 'nar';
    }
    let sidechainUse = 1;
    const duck = (label: string) => {
      if (!narration) return `[${label}]`;
      const out = `${label}d`;
      graph.push(`[${label}][${narration}${sidechainUse++}]sidechaincompress=threshold=0.012:ratio=10:attack=40:release=600:knee=4[${out}]`);
      return `[${out}]`;
    };
    if (segment.music) {
      const idx = addInput('-stream_loop', '-1', '-i', await musicWav(options.assetDir));
      const fades = musicFades(D);
      graph.push(
        `[${idx}:a]${fmt},atrim=duration=${n3(D)},volume=${S.musicVolume},` +
          `afade=t=in:d=${n3(fades.inSec)},afade=t=out:st=${n3(fades.outStartSec)}:d=${n3(fades.outSec)}[mus]`,
      );
      mix.push(duck('mus'));
    }
    if (sourceAudio) mix.push(duck(sourceAudio));
    if (segment.applause) {
      const applause = applauseWindow(D);
      const idx = addInput('-i', await applauseWav(options.assetDir, { durationSec: applause.durationSec }));
      graph.push(`[${idx}:a]${fmt},volume=${S.applauseVolume},adelay=${Math.round(applause.startSec * 1000)}:all=1[app]`);
      mix.push('[app]');
    }
    graph.push(`${mix.join('')}amix=inputs=${mix.length}:normalize=0:duration=first,atrim=duration=${n3(D)}[aout]`);

    const script = join(tmp, 'graph.txt');
    await writeFile(script, graph.join(';\n'), 'utf8');
    const args = [
      ...FFMPEG_BASE_ARGS,
      ...inputs,
      '-filter_complex_script', script,
      '-map', `[${videoLabel}]`,
      '-map', '[aout]',
      ...SEGMENT_ENCODE_ARGS,
      '-t', n3(D),
      '-f', 'mp4',
      outputPath,
    ];
    const onProgress = options.onProgress;
    await runMediaTool('ffmpeg', args, {
      signal: options.signal,
      tools: options.tools,
      onProgressTime: onProgress ? (t) => onProgress(Math.max(0, Math.min(1, t / D))) : undefined,
    });
    onProgress?.(1);
    return { path: outputPath, durationSec: D };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** atempo accepts 0.5–2 (100 in newer builds); chain it for larger factors. */
function atempoChain(rate: number): string {
  if (rate === 1) return '';
  const parts: string[] = [];
  let r = rate;
  while (r > 2) {
    parts.push('atempo=2');
    r /= 2;
  }
  while (r < 0.5) {
    parts.push('atempo=0.5');
    r /= 0.5;
  }
  parts.push(`atempo=${n3(r)}`);
  return `${parts.join(',')},`;
}
