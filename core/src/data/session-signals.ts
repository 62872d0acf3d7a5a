/** The session_signals aggregate: the ingest's per-second signals of a session. */
import type { Knex } from 'knex';
import { SILENCE_DB, type SecondSignal, type VideoSignals } from '../domain/signals';

/** Stores a session's per-second signals, replacing any earlier ingest's. */
export async function writeSignals(knex: Knex, sessionId: string, signals: VideoSignals): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('session_signals').where({ session_id: sessionId }).delete();
    for (let i = 0; i < signals.seconds.length; i += 500) {
      await trx('session_signals').insert(
        signals.seconds.slice(i, i + 500).map((s) => ({
          session_id: sessionId,
          t: s.t,
          motion: s.motion,
          loudness: s.loudness,
          sizzle: s.sizzle,
          brightness: s.brightness,
          saturation: s.saturation,
          sharpness: s.sharpness,
          obstructed: s.obstructed,
          too_dark: s.tooDark,
          blurry: s.blurry,
        })),
      );
    }
  });
}

export async function readSignals(knex: Knex, sessionId: string, durationSec: number, hasAudio: boolean): Promise<VideoSignals> {
  const rows = await knex('session_signals').where({ session_id: sessionId }).orderBy('t');
  const seconds: SecondSignal[] = rows.map((r) => ({
    t: r.t,
    motion: r.motion,
    loudness: r.loudness,
    sizzle: hasAudio ? r.sizzle : SILENCE_DB,
    brightness: r.brightness,
    saturation: r.saturation,
    sharpness: r.sharpness,
    obstructed: r.obstructed,
    tooDark: r.too_dark,
    blurry: r.blurry,
  }));
  return { durationSec, hasAudio, seconds };
}

export interface SessionSignalRow {
  t: number;
  motion: number;
  loudness: number;
  sizzle: number;
  brightness: number;
  saturation: number;
  sharpness: number;
  obstructed: boolean;
  too_dark: boolean;
  blurry: boolean;
}

/** The session's stored per-second signals in time order, as rows. */
export async function signalRows(db: Knex | Knex.Transaction, sessionId: string): Promise<SessionSignalRow[]> {
  return db('session_signals').where({ session_id: sessionId }).orderBy('t').select('t', 'motion', 'loudness', 'sizzle', 'brightness', 'saturation', 'sharpness', 'obstructed', 'too_dark', 'blurry');
}

/** The per-second curves the review workspace draws. */
export async function signalCurves(db: Knex | Knex.Transaction, sessionId: string): Promise<Array<{ t: number; motion: number; loudness: number; sizzle: number }>> {
  return db('session_signals').where({ session_id: sessionId }).orderBy('t').select('t', 'motion', 'loudness', 'sizzle');
}
