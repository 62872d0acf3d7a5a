import { z } from 'zod';
import { FINDING_CODES } from './findings';

/** How a dish is expected to go, from knowledge/dishes.yaml: the local analyzer's yardstick. */
export const dishRubricSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.object({ ja: z.string().min(1), en: z.string().min(1) }),
  /** Plausible length of the filmed cooking, in seconds. */
  expectedSeconds: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  /** constant: tossed/stirred throughout (fried rice); intermittent: moved now and then (tamagoyaki); still: left alone to brown (searing). */
  motion: z.enum(['constant', 'intermittent', 'still']),
  /** Whether the dish should fry audibly once the main ingredient is in (false for rice, miso soup). */
  sizzleExpected: z.boolean(),
  /** Slug of the principle the coaching video opens with. */
  corePrinciple: z.string(),
  /** Findings that matter for this dish, most important first. */
  watchFor: z.array(z.enum(FINDING_CODES)).min(1),
});
export type DishRubric = z.infer<typeof dishRubricSchema>;
