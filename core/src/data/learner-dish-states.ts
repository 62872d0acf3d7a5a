/** The learner_dish_states aggregate: per cook and dish, the coached sessions' diagnoses and what recurs. */
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export async function saveDishState(db: Db, s: { userId: string; dishId: string; sessionsCompleted: number; state: unknown }): Promise<void> {
  await db('learner_dish_states')
    .insert({ user_id: s.userId, dish_id: s.dishId, sessions_completed: s.sessionsCompleted, state: JSON.stringify(s.state) })
    .onConflict(['user_id', 'dish_id'])
    .merge({ sessions_completed: s.sessionsCompleted, state: JSON.stringify(s.state), updated_at: db.fn.now() });
}

export async function dishStatesOf(db: Db, userId: string): Promise<Array<{ dish_id: string; sessions_completed: number; state: Record<string, unknown> }>> {
  return db('learner_dish_states').where({ user_id: userId }).select('dish_id', 'sessions_completed', 'state');
}
