import type { DishRubric } from '../../domain/rubric';
import { loadKnowledge } from '../knowledge/load-knowledge';

let cached: Promise<Map<string, DishRubric>> | undefined;

/** knowledge/dishes.yaml's rubrics by slug, read once per process (the files do not change while it runs). */
export function knowledgeRubrics(): Promise<Map<string, DishRubric>> {
  cached ??= loadKnowledge()
    .then((k) => new Map(k.dishes.map((d) => [d.slug, d])))
    .catch((error: unknown) => {
      cached = undefined; // a later request tries again
      throw error;
    });
  return cached;
}
