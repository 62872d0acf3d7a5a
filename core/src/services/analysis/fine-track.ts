import { FINE_STEP_SEC, type FineSignal, type VideoSignals } from '../../domain/signals';

/** The fine track the detectors read, with its step and what it was built from. */
export interface FineTrack {
  step: number;
  fine: FineSignal[];
  /** 'fine': measured at `step` with the motion grid; 'seconds': rebuilt from per-second rows (no grid, no sound texture). */
  source: 'fine' | 'seconds';
  hasAudio: boolean;
  durationSec: number;
}

/** A cell count of 1 of 48 moving: what "some motion, place unknown" becomes without the grid. */
const UNKNOWN_PLACE_REGION = 0.1;

export function fineTrackOf(signals: VideoSignals): FineTrack {
  if (signals.fine && signals.fine.length > 0) {
    const step = signals.sampling?.fineStepSec ?? (signals.fine.length > 1 ? signals.fine[1]!.t - signals.fine[0]!.t : FINE_STEP_SEC);
    return { step, fine: signals.fine, source: 'fine', hasAudio: signals.hasAudio, durationSec: signals.durationSec };
  }
  // Stored per-second rows only: one entry per second; where things moved is unknown.
  const fine: FineSignal[] = signals.seconds.map((s, i) => {
    const frying = signals.hasAudio ? (signals.frying?.[i] ?? null) : null;
    return {
      t: s.t,
      motion: s.motion,
      movingShare: s.motion >= 0.01 ? UNKNOWN_PLACE_REGION : 0,
      region: s.motion >= 0.01 ? UNKNOWN_PLACE_REGION : 0,
      cx: null,
      cy: null,
      covered: s.obstructed,
      brightness: s.brightness,
      tooDark: s.tooDark,
      level: signals.hasAudio ? s.loudness : null,
      highBand: signals.hasAudio ? s.sizzle : null,
      frying,
      kind: frying === null ? null : frying >= 0.5 ? 'frying' : 'other',
    };
  });
  return { step: 1, fine, source: 'seconds', hasAudio: signals.hasAudio, durationSec: signals.durationSec };
}

export function visibleAt(f: FineSignal): boolean {
  return !f.covered && !f.tooDark;
}
