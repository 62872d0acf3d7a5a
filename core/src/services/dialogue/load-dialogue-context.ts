import type { Knex } from 'knex';
import { analysisResultSchema } from '../../domain/analysis';
import { secondSignalSchema } from '../../domain/signals';
import type { DialogueDish, DialoguePrinciple, DialogueSession } from './dialogue-types';
import { principleFromRow } from './to-dialogue-principle';

// The dialogue manager's reads. Kept in this one file so they can move into core/src/data as they are.

/** Every dish (to recognise a dish named in a question). */
export async function loadDialogueDishes(knex: Knex): Promise<DialogueDish[]> {
  const rows = await knex('dishes').select('slug', 'name_ja', 'name_en');
  return rows.map((r) => ({ slug: r.slug, name: { ja: r.name_ja, en: r.name_en } }));
}

/** Published principles for the dish (all published ones without a dish). */
export async function loadDialoguePrinciples(knex: Knex, dishSlug: string | undefined): Promise<DialoguePrinciple[]> {
  const query = knex('principles').where({ published: true });
  if (dishSlug) query.whereRaw('? = any(dishes)', [dishSlug]);
  return (await query).map(principleFromRow);
}

/** The session the question is about: dish, latest analysis (when it parses) and per-second signals. */
export async function loadDialogueSession(knex: Knex, sessionId: string): Promise<DialogueSession | null> {
  const row = await knex('cooking_sessions as s').join('dishes as d', 'd.id', 's.dish_id').where('s.id', sessionId).first('s.attempt_number', 'd.slug', 'd.name_ja', 'd.name_en');
  if (!row) return null;
  const analysisRow = await knex('analyses').where({ session_id: sessionId }).orderBy('created_at', 'desc').first('result');
  const parsed = analysisRow ? analysisResultSchema.safeParse(analysisRow.result) : undefined;
  const signalRows = await knex('session_signals').where({ session_id: sessionId }).orderBy('t');
  const signals = signalRows
    .map((r) =>
      secondSignalSchema.safeParse({
        t: Number(r.t), motion: Number(r.motion), loudness: Number(r.loudness), sizzle: Number(r.sizzle), brightness: Number(r.brightness),
        saturation: Number(r.saturation), sharpness: Number(r.sharpness), obstructed: Boolean(r.obstructed), tooDark: Boolean(r.too_dark), blurry: Boolean(r.blurry),
      }),
    )
    .flatMap((r) => (r.success ? [r.data] : []));
  return {
    attemptNumber: row.attempt_number,
    dish: { slug: row.slug, name: { ja: row.name_ja, en: row.name_en } },
    analysis: parsed?.success ? parsed.data : null,
    signals,
  };
}
