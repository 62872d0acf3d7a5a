import type { Knex } from 'knex';
import type { DishVersion } from '../../contracts/dishes';
import type { Actor } from '../../data/audit-log';
import { dishEditorRow, dishVersionRows, dishVersionSnapshot } from '../../data/dishes';
import { NotFoundError, ValidationError } from '../../errors';
import type { DishRecord, DishRubricFields, KnowledgeRubrics } from './dish-record';
import { updateDish } from './save-dish';

export type { DishVersion };

/** Every saved version of the dish, newest first. */
export async function listDishVersions(knex: Knex, id: string): Promise<DishVersion[]> {
  if (!(await dishEditorRow(knex, id))) throw new NotFoundError('Dish');
  const rows = await dishVersionRows(knex, id);
  return rows.map((r) => ({ id: r.id, version: r.version, snapshot: r.snapshot, edited_by_name: r.edited_by_name, created_at: new Date(r.created_at).toISOString() }));
}

/** Brings an earlier version back, as a new version (history is never rewritten). */
export async function restoreDishVersion(knex: Knex, knowledge: KnowledgeRubrics, actor: Actor, id: string, version: number): Promise<DishRecord> {
  const snapshot = (await dishVersionSnapshot(knex, id, version)) as { name_ja: string; name_en: string; rubric: DishRubricFields | null } | undefined;
  if (!snapshot) throw new NotFoundError(`Version ${version} of the dish`);
  if (!snapshot.rubric) throw new ValidationError(`Version ${version} has no rubric to restore.`);
  return updateDish(knex, knowledge, actor, id, { name_ja: snapshot.name_ja, name_en: snapshot.name_en, rubric: snapshot.rubric }, { action: 'dish.restore' });
}
