import type { Knex } from 'knex';
import { pageOf, type ListPage, type ListQuery } from '../../data/list-query';

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

export interface CookFilter {
  q?: string | undefined;
  dish?: string | undefined;
  ai_paused?: boolean | undefined;
  awaiting_reply?: boolean | undefined;
  id?: string[] | undefined;
}

// 'id' is react-admin's default sort.
export const COOK_SORT_FIELDS = ['id', 'name', 'email', 'created_at', 'session_count', 'last_session_at', 'last_message_at'] as const;
const COLUMNS = ['id', 'name', 'email', 'locale', 'disabled', 'created_at', 'session_count', 'last_session_at', 'last_message_at', 'ai_paused', 'awaiting_reply'];

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** Cooks (learner accounts) with their activity, for the coach's list. */
export async function listCooks(knex: Knex, list: ListQuery<CookFilter>): Promise<ListPage<CookRow>> {
  const inner = knex('users as u')
    .where('u.role', 'learner')
    .select(
      'u.id',
      'u.name',
      'u.email',
      'u.locale',
      'u.disabled',
      'u.created_at',
      knex.raw('(select count(*)::int from cooking_sessions s where s.user_id = u.id and s.deleted_at is null) as session_count'),
      knex.raw('(select max(s.created_at) from cooking_sessions s where s.user_id = u.id and s.deleted_at is null) as last_session_at'),
      knex.raw('(select max(m.created_at) from chat_messages m join chat_rooms r on r.id = m.room_id where r.user_id = u.id) as last_message_at'),
      knex.raw('exists (select 1 from chat_rooms r where r.user_id = u.id and r.ai_paused) as ai_paused'),
      knex.raw(
        `coalesce((select m.author_kind = 'learner' from chat_messages m join chat_rooms r on r.id = m.room_id
          where r.user_id = u.id order by m.created_at desc, m.id desc limit 1), false) as awaiting_reply`,
      ),
    );
  const { q, dish, id } = list.filter;
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    inner.where((w) => w.whereRaw(`u.email ilike ? escape '\\'`, [pattern]).orWhereRaw(`u.name ilike ? escape '\\'`, [pattern]));
  }
  if (dish) {
    inner.whereExists(
      knex('cooking_sessions as s').join('dishes as d', 'd.id', 's.dish_id').whereRaw('s.user_id = u.id').where('d.slug', dish).whereNull('s.deleted_at'),
    );
  }
  if (id) inner.whereIn('u.id', id);
  const query = knex.from(inner.as('c'));
  if (list.filter.ai_paused !== undefined) query.where('ai_paused', list.filter.ai_paused);
  if (list.filter.awaiting_reply !== undefined) query.where('awaiting_reply', list.filter.awaiting_reply);
  const page = await pageOf<Record<string, unknown>>(query, list, COLUMNS);
  return {
    ...page,
    rows: page.rows.map((r) => ({
      ...(r as unknown as CookRow),
      created_at: iso(r.created_at) as string,
      last_session_at: iso(r.last_session_at),
      last_message_at: iso(r.last_message_at),
    })),
  };
}
