/** The learner_profiles aggregate: a cook's display name, chosen dishes and onboarding. */
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface LearnerProfileRow {
  display_name: string | null;
  dish_ids: string[] | null;
  onboarded_at: Date | null;
}

export async function findLearnerProfile(db: Db, userId: string): Promise<LearnerProfileRow | undefined> {
  return db('learner_profiles').where({ user_id: userId }).first('display_name', 'dish_ids', 'onboarded_at');
}

/** Saves the profile; the first save marks the cook onboarded, later ones keep that time. */
export async function upsertLearnerProfile(db: Db, userId: string, profile: { displayName: string; dishIds: string[] }): Promise<void> {
  await db('learner_profiles')
    .insert({ user_id: userId, display_name: profile.displayName, dish_ids: profile.dishIds, onboarded_at: db.fn.now() })
    .onConflict('user_id')
    .merge({ display_name: profile.displayName, dish_ids: profile.dishIds, onboarded_at: db.raw('coalesce(learner_profiles.onboarded_at, now())'), updated_at: db.fn.now() });
}
