import type { AnalysisResult } from '../../domain/analysis';
import type { DishRubric } from '../../domain/rubric';
import { extractSignals, type ExtractedSignals, type SignalsMode } from '../../media/extract-signals';
import { probePlayableVideo, type PlayableVideoProbe } from '../../media/probe-video';
import type { AnalyzeInput, VideoAnalyzer } from '../../providers/ai/ai-provider';

/** One second of the outside-tools contract: what the analyzer measured (see `npm run analyze`). */
export interface ContractSecond {
  t: number;
  motion: number;
  loudness: number;
  sizzle: number;
  /** 0..1: how sure the sound is frying, by its texture (null without sound). */
  frying: number | null;
  /** 0..1 heat from the sizzle (null without sound). */
  heat: number | null;
  obstructed: boolean;
  tooDark: boolean;
  brightness: number;
}

export interface AnalyzedFile {
  probe: PlayableVideoProbe;
  signals: ExtractedSignals;
  result: AnalysisResult;
  seconds: ContractSecond[];
  timingsMs: { probe: number; signals: number; analyze: number };
}

/**
 * Probe → signals → analysis for one local file, with no server or database: what `npm run
 * analyze` and `npm run eval:analyzer` run. Throws MediaError for files that are not playable video.
 */
export async function analyzeFile(
  path: string,
  input: { analyzer: VideoAnalyzer; rubric: DishRubric; principles: AnalyzeInput['principles']; note?: string | null; mode?: SignalsMode; fullDecodeBudgetSec?: number },
): Promise<AnalyzedFile> {
  const t0 = performance.now();
  const probe = await probePlayableVideo(path);
  const t1 = performance.now();
  const signals = await extractSignals(path, { probe, mode: input.mode ?? 'auto', fullDecodeBudgetSec: input.fullDecodeBudgetSec ?? 20 });
  const t2 = performance.now();
  const result = await input.analyzer.analyze({
    videoPath: path,
    signals,
    rubric: input.rubric,
    principles: input.principles,
    learner: { name: 'you', attemptNumber: 1 },
    note: input.note ?? null,
    transcript: null,
    selfRatings: {},
  });
  const t3 = performance.now();
  const heat = new Map((result.heatCurve ?? []).map((h) => [h.t, h.heat]));
  const seconds: ContractSecond[] = signals.seconds.map((s) => ({
    t: s.t,
    motion: s.motion,
    loudness: s.loudness,
    sizzle: s.sizzle,
    frying: signals.hasAudio ? (signals.frying?.[s.t] ?? null) : null,
    heat: signals.hasAudio ? (heat.get(s.t) ?? 0) : null,
    obstructed: s.obstructed,
    tooDark: s.tooDark,
    brightness: s.brightness,
  }));
  return { probe, signals, result, seconds, timingsMs: { probe: Math.round(t1 - t0), signals: Math.round(t2 - t1), analyze: Math.round(t3 - t2) } };
}
