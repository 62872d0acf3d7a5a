/** Dishes on the wire (GET/PUT /api/console/dishes): what the console's dish editor reads. Types only. */
import type { Bilingual } from './common';

/** How a dish is expected to go on camera: the local analyzer's yardstick (core/src/domain/rubric.ts without slug and name). */
export interface DishRubricFields {
  /** Plausible length of the filmed cooking, seconds [min, max]. */
  expectedSeconds: [number, number];
  motion: 'constant' | 'intermittent' | 'still';
  sizzleExpected: boolean;
  /** Slug of the principle the coaching video opens with. */
  corePrinciple: string;
  /** Finding codes that matter for this dish, most important first. */
  watchFor: string[];
}

export interface DishRecord {
  id: string;
  slug: string;
  name_ja: string;
  name_en: string;
  /** The rubric in force: the console's when edited there, else knowledge/dishes.yaml's; null when neither has one. */
  rubric: DishRubricFields | null;
  rubric_source: 'console' | 'knowledge' | 'none';
  /** 0 until the dish is first saved in the console; then one more per save. */
  version: number;
  updated_by_name: string | null;
  updated_at: string;
}

/** A saved version of a dish, newest first. */
export interface DishVersion {
  id: string;
  version: number;
  snapshot: { name_ja: string; name_en: string; rubric: DishRubricFields | null };
  edited_by_name: string | null;
  created_at: string;
}

/** What the dish editor's pickers offer (GET /api/console/dishes/form-options). */
export interface DishFormOptions {
  principles: Array<{ slug: string; title: Bilingual; dishes: string[]; published: boolean }>;
  findings: string[];
}
