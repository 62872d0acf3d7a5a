/** The live_signal_parts aggregate: Cook Cam's signals measured in parts while filming. */
import type { Knex } from 'knex';
import type { ExtractedSignals } from '../media/extract-signals';

export interface LiveSignalPart {
  uploadId: string;
  startSec: number;
  endSec: number;
  signals: ExtractedSignals;
}

/** Stores one part; a part already stored (two runs raced) is kept as it is. */
export async function insertLiveSignalPart(db: Knex | Knex.Transaction, sessionId: string, part: LiveSignalPart): Promise<void> {
  await db('live_signal_parts')
    .insert({ session_id: sessionId, upload_id: part.uploadId, start_sec: part.startSec, end_sec: part.endSec, signals: JSON.stringify(part.signals) })
    .onConflict(['session_id', 'upload_id', 'start_sec'])
    .ignore();
}

/** The parts of one upload of a session, in order. */
export async function liveSignalParts(db: Knex | Knex.Transaction, sessionId: string, uploadId: string): Promise<LiveSignalPart[]> {
  const rows = await db('live_signal_parts').where({ session_id: sessionId, upload_id: uploadId }).orderBy('start_sec');
  return rows.map((r) => ({ uploadId: r.upload_id, startSec: r.start_sec, endSec: r.end_sec, signals: r.signals as ExtractedSignals }));
}

/** Where the parts of this upload end so far (0 when none). */
export async function liveSignalsEnd(db: Knex | Knex.Transaction, sessionId: string, uploadId: string): Promise<number> {
  const row = await db('live_signal_parts').where({ session_id: sessionId, upload_id: uploadId }).max({ end: 'end_sec' }).first();
  return Number(row?.end ?? 0);
}

/** The parts were joined into the session's signals (or are of no use any more). */
export async function deleteLiveSignalParts(db: Knex | Knex.Transaction, sessionId: string): Promise<void> {
  await db('live_signal_parts').where({ session_id: sessionId }).delete();
}
