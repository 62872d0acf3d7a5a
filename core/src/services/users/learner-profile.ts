import { dishIdsBySlugs, dishSlugsByIds, dishStatsFor } from '../../data/dishes';
import { findLearnerProfile, upsertLearnerProfile } from '../../data/learner-profiles';
import { findUserById, setNameAndLocale } from '../../data/users';
import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../../errors';
import type { Locale } from '../../domain/roles';
import { recordAudit, type Actor } from '../../data/audit-log';

export interface DishSummary {
  slug: string;
  name: { ja: string; en: string };
  /** The number the cook's next session of this dish gets ("Session N"). */
  nextAttempt: number;
  /** Sessions of this dish that got their coaching text. */
  sessionsCoached: number;
  lastSessionAt: string | null;
}

export interface LearnerProfile {
  name: string;
  locale: Locale;
  /** Dishes the cook said they are working on, in their order. */
  dishes: DishSummary[];
  onboarded: boolean;
}

/** Every dish with the cook's numbers for it; the route and the profile share it. */
export async function listDishesFor(knex: Knex, userId: string): Promise<DishSummary[]> {
  const rows = await dishStatsFor(knex, userId);
  return rows.map((r) => ({
    slug: r.slug,
    name: { ja: r.name_ja, en: r.name_en },
    nextAttempt: r.next_attempt,
    sessionsCoached: r.coached,
    lastSessionAt: r.last_at ? new Date(r.last_at).toISOString() : null,
  }));
}

export async function getLearnerProfile(knex: Knex, userId: string): Promise<LearnerProfile> {
  const user = await findUserById(knex, userId);
  if (!user) throw new NotFoundError('User');
  const profile = await findLearnerProfile(knex, userId);
  const ids: string[] = profile?.dish_ids ?? [];
  const slugs = await dishSlugsByIds(knex, ids);
  const order = ids.map((id) => slugs.find((d: { id: string }) => d.id === id)?.slug).filter(Boolean) as string[];
  const all = await listDishesFor(knex, userId);
  return {
    name: profile?.display_name ?? user.name,
    locale: user.locale,
    dishes: order.map((slug) => all.find((d) => d.slug === slug)).filter((d): d is DishSummary => Boolean(d)),
    onboarded: Boolean(profile?.onboarded_at),
  };
}

/**
 * First run and later edits: the cook's name (also what coaching calls them), the language coaching
 * is written in, and the dishes they are working on. Recorded in the audit log like any account change.
 */
export async function saveLearnerProfile(
  knex: Knex,
  actor: Actor & { userId: string },
  input: { name: string; locale: Locale; dishSlugs: string[] },
): Promise<LearnerProfile> {
  const slugs = [...new Set(input.dishSlugs)];
  await knex.transaction(async (trx) => {
    const dishes = await dishIdsBySlugs(trx, slugs);
    const unknown = slugs.filter((s) => !dishes.some((d) => d.slug === s));
    if (unknown.length) throw new ValidationError(`Unknown dish: ${unknown.join(', ')}.`);
    const dishIds = slugs.map((s) => (dishes.find((d) => d.slug === s) as { id: string }).id);
    const user = await findUserById(trx, actor.userId);
    const before = user && { name: user.name, locale: user.locale };
    const beforeProfile = await findLearnerProfile(trx, actor.userId);
    await setNameAndLocale(trx, actor.userId, { name: input.name, locale: input.locale });
    await upsertLearnerProfile(trx, actor.userId, { displayName: input.name, dishIds });
    await recordAudit(trx, actor, {
      action: 'profile.update',
      entityType: 'user',
      entityId: actor.userId,
      before: { ...before, dishIds: beforeProfile?.dish_ids ?? [] },
      after: { name: input.name, locale: input.locale, dishIds },
    });
  });
  return getLearnerProfile(knex, actor.userId);
}
