import type { ExtractedSignals } from './extract-signals';
import { markBlurry } from './extract-signals';

/** Signals of one stretch of a video (extractSignals with `range`), its times counting from `startSec`. */
export interface SignalPart {
  startSec: number;
  signals: ExtractedSignals;
}

/**
 * The signals of a whole video from its stretches, back to back from 0 (Cook Cam: the parts
 * measured while filming, then the tail at "stop"): times moved onto the video's clock, the
 * per-second frying joined, and "blurry" judged again against the whole video's median sharpness.
 * Null when the parts do not join up (a gap, an overlap, a part without the sound the others
 * have): the caller then measures the whole video.
 */
export function mergeSignalParts(parts: SignalPart[], durationSec: number): ExtractedSignals | null {
  const sorted = [...parts].sort((a, b) => a.startSec - b.startSec);
  const first = sorted[0];
  if (!first || first.startSec !== 0) return null;
  let end = 0;
  for (const p of sorted) {
    if (p.startSec !== end || p.signals.sampling.mode !== 'full' || p.signals.hasAudio !== first.signals.hasAudio) return null;
    end = p.startSec + p.signals.seconds.length;
  }
  const whole = Math.max(1, Math.ceil(durationSec - 0.1));
  if (end !== whole) return null;

  const seconds = sorted.flatMap((p) => p.signals.seconds.map((s) => ({ ...s, t: s.t + p.startSec })));
  markBlurry(seconds);
  const fine = sorted.flatMap((p) => p.signals.fine.map((f) => ({ ...f, t: Math.round((f.t + p.startSec) * 1000) / 1000 })));
  const frying = first.signals.frying ? sorted.flatMap((p) => p.signals.frying ?? []) : undefined;
  return {
    durationSec,
    hasAudio: first.signals.hasAudio,
    seconds,
    fine,
    ...(frying ? { frying } : {}),
    sampling: { ...first.signals.sampling, estimatedFullDecodeSec: sorted.reduce((sum, p) => sum + p.signals.sampling.estimatedFullDecodeSec, 0) },
  };
}
