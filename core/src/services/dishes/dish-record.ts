/** What every dish verb shares: the record the console reads, with the rubric in force. */
import type { Knex } from 'knex';
import type { DishRecord, DishRubricFields } from '../../contracts/dishes';
import { dishEditorRow, type DishEditorRow } from '../../data/dishes';
import type { DishRubric } from '../../domain/rubric';
import { NotFoundError } from '../../errors';

export type { DishRecord, DishRubricFields };
/** knowledge/dishes.yaml's rubrics by slug: the seed, in force until a dish is saved in the console. */
export type KnowledgeRubrics = ReadonlyMap<string, DishRubric>;
type Db = Knex | Knex.Transaction;

export function rubricFields(rubric: DishRubric): DishRubricFields {
  return { expectedSeconds: rubric.expectedSeconds, motion: rubric.motion, sizzleExpected: rubric.sizzleExpected, corePrinciple: rubric.corePrinciple, watchFor: [...rubric.watchFor] };
}

export function toDishRecord(row: DishEditorRow, knowledge: KnowledgeRubrics): DishRecord {
  const seed = knowledge.get(row.slug);
  return {
    id: row.id,
    slug: row.slug,
    name_ja: row.name_ja,
    name_en: row.name_en,
    rubric: row.rubric ?? (seed ? rubricFields(seed) : null),
    rubric_source: row.rubric ? 'console' : seed ? 'knowledge' : 'none',
    version: row.version,
    updated_by_name: row.updated_by_name,
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export async function getDish(db: Db, knowledge: KnowledgeRubrics, id: string, options: { lock?: boolean } = {}): Promise<DishRecord> {
  const row = await dishEditorRow(db, id, options);
  if (!row) throw new NotFoundError('Dish');
  return toDishRecord(row, knowledge);
}

/** A dish_versions snapshot. */
export const dishSnapshot = (d: { name_ja: string; name_en: string; rubric: DishRubricFields | null }) => ({ name_ja: d.name_ja, name_en: d.name_en, rubric: d.rubric });
