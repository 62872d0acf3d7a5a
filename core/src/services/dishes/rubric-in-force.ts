import { dishRubricSchema, type DishRubric } from '../../domain/rubric';
import type { DishRubricFields } from '../../contracts/dishes';

/**
 * The rubric a stage uses: the one saved in the console (with the dish's current names) when it is
 * valid, else knowledge/dishes.yaml's.
 */
export function rubricInForce(dish: { slug: string; name: { ja: string; en: string } }, stored: DishRubricFields | null | undefined, seed: DishRubric | undefined): DishRubric | undefined {
  if (stored) {
    const parsed = dishRubricSchema.safeParse({ ...stored, slug: dish.slug, name: dish.name });
    if (parsed.success) return parsed.data;
  }
  return seed;
}
