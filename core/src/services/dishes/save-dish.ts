import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../data/audit-log';
import { findDishIdBySlug, insertDish, insertDishVersion, setDishContent } from '../../data/dishes';
import { principleSlugTaken } from '../../data/principles';
import { ConflictError, ValidationError } from '../../errors';
import { canonical } from '../knowledge/principle-record';
import { dishSnapshot, getDish, type DishRecord, type DishRubricFields, type KnowledgeRubrics } from './dish-record';

export interface DishContent {
  name_ja: string;
  name_en: string;
  rubric: DishRubricFields;
}

const sameContent = (a: { name_ja: string; name_en: string; rubric: DishRubricFields | null }, b: DishContent) => canonical(dishSnapshot(a)) === canonical(dishSnapshot(b));

/**
 * The rubric's own rules: a sensible length range, and a core principle that exists (a new dish has
 * no principles of its own yet, so any principle may open its video until it has).
 */
async function checkRubric(trx: Knex.Transaction, rubric: DishRubricFields): Promise<void> {
  const [min, max] = rubric.expectedSeconds;
  if (min >= max) throw new ValidationError('The shortest expected length must be shorter than the longest.', [{ path: 'rubric.expectedSeconds', message: 'min must be below max' }]);
  if (!(await principleSlugTaken(trx, rubric.corePrinciple))) {
    throw new ValidationError(`The core principle "${rubric.corePrinciple}" does not exist.`, [{ path: 'rubric.corePrinciple', message: 'no such principle' }]);
  }
}

/**
 * A dish edit: names and rubric saved as a new version (the first console save also keeps the
 * knowledge/ version it replaces, so it can be restored). The pipeline uses the saved rubric from
 * the next stage on. Saving the same content again changes nothing.
 */
export async function updateDish(
  knex: Knex,
  knowledge: KnowledgeRubrics,
  actor: Actor,
  id: string,
  content: DishContent,
  options: { expectedVersion?: number | undefined; action?: string } = {},
): Promise<DishRecord> {
  return knex.transaction(async (trx) => {
    const before = await getDish(trx, knowledge, id, { lock: true });
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      throw new ConflictError(`Someone saved version ${before.version} of this dish since you opened version ${options.expectedVersion}. Reload to see their changes.`, 'version_conflict');
    }
    if (before.rubric_source === 'console' && sameContent(before, content)) return before;
    await checkRubric(trx, content.rubric);
    let version = before.version;
    if (version === 0) {
      version = 1;
      await insertDishVersion(trx, id, version, dishSnapshot(before), null); // what knowledge/ gave it
    }
    version += 1;
    await setDishContent(trx, id, { ...content, version, updatedBy: actor.userId });
    await insertDishVersion(trx, id, version, dishSnapshot(content), actor.userId);
    await recordAudit(trx, actor, {
      action: options.action ?? 'dish.update',
      entityType: 'dish',
      entityId: id,
      before: { version: before.version, ...dishSnapshot(before) },
      after: { version, ...dishSnapshot(content) },
    });
    return getDish(trx, knowledge, id);
  });
}

/** A new dish with its names and rubric, at version 1. */
export async function createDish(knex: Knex, knowledge: KnowledgeRubrics, actor: Actor, input: DishContent & { slug: string }): Promise<DishRecord> {
  const { slug, ...content } = input;
  const taken = () => new ConflictError(`A dish with the slug "${slug}" already exists.`, 'slug_taken');
  return knex
    .transaction(async (trx) => {
      if (await findDishIdBySlug(trx, slug)) throw taken();
      const id = await insertDish(trx, { slug, name_ja: content.name_ja, name_en: content.name_en });
      await checkRubric(trx, content.rubric);
      await setDishContent(trx, id, { ...content, version: 1, updatedBy: actor.userId });
      await insertDishVersion(trx, id, 1, dishSnapshot(content), actor.userId);
      await recordAudit(trx, actor, { action: 'dish.create', entityType: 'dish', entityId: id, after: { slug, version: 1, ...dishSnapshot(content) } });
      return getDish(trx, knowledge, id);
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw taken();
      throw error;
    });
}
