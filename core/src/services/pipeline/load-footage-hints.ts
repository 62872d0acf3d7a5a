import type { Knex } from 'knex';
import type { AnalysisResult } from '../../domain/analysis';
import { withSignalTracks } from '../../data/session-signal-tracks';
import { footageHints } from '../../video/footage-hints';
import type { FootageHints } from '../../video/plan-footage';
import { latestAnalysis } from './load-session-context';
import { readSignals } from '../../data/session-signals';

/**
 * What the coaching video needs to know about a session's footage (covered/dark stretches, the
 * cooking stretch, the moment's instant and where it moved), from the stored analysis and signals.
 * Sessions without them get empty hints: the whole video is used and no marker is drawn.
 */
export async function loadFootageHints(
  knex: Knex,
  sessionId: string,
  keyMoment: { start: number; end: number; at?: number | undefined },
  probe: { durationSec: number; hasAudio: boolean; width?: number | undefined; height?: number | undefined },
): Promise<FootageHints> {
  const analysis = await latestAnalysis(knex, sessionId);
  const signals = await withSignalTracks(knex, sessionId, await readSignals(knex, sessionId, probe.durationSec, probe.hasAudio));
  const at = keyMoment.at ?? momentAt(analysis?.result ?? null, keyMoment);
  return footageHints(analysis?.result ?? null, signals.seconds.length || signals.fine ? signals : null, { ...keyMoment, at }, probe.width && probe.height ? { width: probe.width, height: probe.height } : undefined);
}

/** The `at` of the analysis' key moment whose window is the one chosen (a coach may pick another window). */
export function momentAt(result: Pick<AnalysisResult, 'keyMoments'> | null, window: { start: number; end: number }): number | undefined {
  const moment = result?.keyMoments.find((m) => m.at !== undefined && Math.abs(m.start - window.start) < 0.05 && Math.abs(m.end - window.end) < 0.05);
  if (moment) return moment.at;
  // A window moved by a coach: the analysis' event instant inside it, if exactly one moment's is.
  const inside = (result?.keyMoments ?? []).filter((m) => m.at !== undefined && m.at >= window.start && m.at <= window.end);
  return inside.length === 1 ? inside[0]!.at : undefined;
}
