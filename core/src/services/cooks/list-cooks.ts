import type { Knex } from 'knex';
import { pageCooks, type CookListFilter } from '../../data/cooks';
import type { ListPage, ListQuery } from '../../data/list-query';

export interface CookRow {
  id: string;
  name: string;
  email: string;
  locale: 'ja' | 'en';
  disabled: boolean;
  created_at: string;
  session_count: number;
  last_session_at: string | null;
  last_message_at: string | null;
  /** A coach has taken over at least one of the cook's chat rooms: the AI is quiet there. */
  ai_paused: boolean;
  /** The cook wrote last in their chat: someone (AI or coach) owes them an answer. */
  awaiting_reply: boolean;
}

export type CookFilter = CookListFilter;

// 'id' is react-admin's default sort.
export const COOK_SORT_FIELDS = ['id', 'name', 'email', 'created_at', 'session_count', 'last_session_at', 'last_message_at'] as const;

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

/** Cooks (learner accounts) with their activity, for the coach's list. */
export async function listCooks(knex: Knex, list: ListQuery<CookFilter>): Promise<ListPage<CookRow>> {
  const page = await pageCooks(knex, list);
  return {
    ...page,
    rows: page.rows.map((r) => ({
      ...r,
      created_at: new Date(r.created_at).toISOString(),
      last_session_at: iso(r.last_session_at),
      last_message_at: iso(r.last_message_at),
    })),
  };
}
