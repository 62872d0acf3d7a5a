/** The session_signal_tracks aggregate: the ingest's 0.25 s track and per-second frying of a session. */
import type { Knex } from 'knex';
import { z } from 'zod';
import { fineSignalSchema, type SignalsSampling, type VideoSignals } from '../domain/signals';

const samplingSchema = z.object({ mode: z.enum(['full', 'keyframes']), motionSamplesPerSec: z.number(), fineStepSec: z.number().positive().optional() });

export async function writeSignalTracks(knex: Knex, sessionId: string, signals: VideoSignals): Promise<void> {
  if (!signals.fine || !signals.sampling) return;
  const row = {
    session_id: sessionId,
    fine: JSON.stringify(signals.fine),
    fine_windows: signals.fineWindows ? JSON.stringify(signals.fineWindows) : null,
    frying: signals.frying ? JSON.stringify(signals.frying) : null,
    sampling: JSON.stringify({ mode: signals.sampling.mode, motionSamplesPerSec: signals.sampling.motionSamplesPerSec, fineStepSec: signals.sampling.fineStepSec }),
  };
  await knex('session_signal_tracks').insert(row).onConflict('session_id').merge();
}

/** The per-second signals with the stored track added (unchanged when none was stored, e.g. older sessions). */
export async function withSignalTracks(knex: Knex, sessionId: string, signals: VideoSignals): Promise<VideoSignals> {
  const row = await knex('session_signal_tracks').where({ session_id: sessionId }).first('fine', 'fine_windows', 'frying', 'sampling');
  if (!row) return signals;
  const fine = z.array(fineSignalSchema).safeParse(row.fine);
  const sampling = samplingSchema.safeParse(row.sampling);
  const frying = z.array(z.number().min(0).max(1)).nullable().safeParse(row.frying ?? null);
  if (!fine.success || !sampling.success) return signals;
  const windows = z.array(fineSignalSchema).nullable().safeParse(row.fine_windows ?? null);
  return {
    ...signals,
    fine: fine.data,
    frying: signals.hasAudio && frying.success && frying.data ? frying.data : undefined,
    sampling: sampling.data as SignalsSampling,
    fineWindows: windows.success && windows.data ? windows.data : undefined,
  };
}
