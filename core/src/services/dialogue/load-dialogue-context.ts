import type { Knex } from 'knex';
import { latestAnalysisRow } from '../../data/analyses';
import { sessionWithDish } from '../../data/cooking-sessions';
import { listDishes } from '../../data/dishes';
import { publishedPrinciples } from '../../data/principles';
import { signalRows } from '../../data/session-signals';
import { analysisResultSchema } from '../../domain/analysis';
import { secondSignalSchema } from '../../domain/signals';
import type { DialogueDish, DialoguePrinciple, DialogueSession } from './dialogue-types';
import { principleFromRow } from './to-dialogue-principle';

// What the dialogue manager reads, from the data layer.

/** Every dish (to recognise a dish named in a question). */
export async function loadDialogueDishes(knex: Knex): Promise<DialogueDish[]> {
  const rows = await listDishes(knex);
  return rows.map((r) => ({ slug: r.slug, name: { ja: r.name_ja, en: r.name_en } }));
}

/** Published principles for the dish (all published ones without a dish). */
export async function loadDialoguePrinciples(knex: Knex, dishSlug: string | undefined): Promise<DialoguePrinciple[]> {
  return (await publishedPrinciples(knex, dishSlug)).map(principleFromRow);
}

/** The session the question is about: dish, latest analysis (when it parses) and per-second signals. */
export async function loadDialogueSession(knex: Knex, sessionId: string): Promise<DialogueSession | null> {
  const row = await sessionWithDish(knex, sessionId);
  if (!row) return null;
  const analysisRow = await latestAnalysisRow(knex, sessionId);
  const parsed = analysisRow ? analysisResultSchema.safeParse(analysisRow.result) : undefined;
  const signals = (await signalRows(knex, sessionId))
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
