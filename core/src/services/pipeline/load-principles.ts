import type { Knex } from 'knex';
import type { Principle } from '../../models/principle';
import type { PrincipleForCoaching } from '../coaching/compose-coaching-text';
import { corePrincipleOf, principlesBySlugs } from '../../data/principles';

/** Principles by slug, in the given order (the retrieval ranking). */
export async function loadPrinciples(knex: Knex, slugs: string[]): Promise<Array<PrincipleForCoaching & { why: Principle['why']; isCore: boolean }>> {
  if (!slugs.length) return [];
  const rows = await principlesBySlugs(knex, slugs);
  const bySlug = new Map(rows.map((r) => [r.slug as string, r]));
  return slugs
    .map((slug) => bySlug.get(slug))
    .filter((r): r is NonNullable<typeof r> => Boolean(r))
    .map((r) => ({
      slug: r.slug,
      title: { ja: r.title_ja, en: r.title_en },
      skill: r.skill,
      nextAction: r.next_action,
      successSigns: r.success_signs,
      addresses: r.addresses,
      why: r.why,
      isCore: r.is_core,
    }));
}

/** The dish's core principle (the video opens with it). */
export async function corePrincipleSlug(knex: Knex, dishSlug: string, fallback: string): Promise<string> {
  return (await corePrincipleOf(knex, dishSlug)) ?? fallback;
}
