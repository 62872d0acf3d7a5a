/**
 * A page of the coaches' review queue and its count, in one statement. The filters are written on
 * review_items' own columns so the open queue's first page is a walk down the
 * review_items_open_queue index (migration 20261206400000): the item's status as the queue shows
 * it (a reservation past its time reads as pending) is translated into raw columns, the
 * low-confidence sort key is kept on the item by triggers, and the session's cook, dish, render,
 * analysis and poster are looked up for the page's rows only.
 */
import type { Knex } from 'knex';
import type { ReviewStatus } from '../contracts/reviews';
import { PREPARED } from '../db/knex';

export type ReviewQueueSort = 'id' | 'created_at' | 'uploaded_at' | 'status' | 'attempt_number' | 'updated_at';

export interface ReviewQueueFilter {
  /** Statuses as the queue shows them. */
  status?: ReviewStatus[] | undefined;
  dishId?: string | undefined;
  /** Whose live reservation the item is under (each of them: two different people keep nothing). */
  assigneeIds?: string[] | undefined;
  /** Literal text searched in the cook's name and the dish's names and slug. */
  q?: string | undefined;
  id?: string[] | undefined;
}

export interface ReviewQueuePageQuery {
  filter: ReviewQueueFilter;
  sort: { column: ReviewQueueSort; order: 'asc' | 'desc' };
  /** Needs-a-coach items first, then unsure diagnoses, then the sort (the queue's orders; not a plain id listing). */
  coachFirst: boolean;
  offset: number;
  limit: number;
}

const LIVE = 'ri.reserved_until is not null and ri.reserved_until > now()';
const SHOWN_STATUS = `case when ri.status = 'in_review' and not (${LIVE}) then 'pending' else ri.status end`;
const SORT_EXPRESSION: Record<ReviewQueueSort, string> = {
  id: 'ri.id',
  created_at: 'ri.created_at',
  updated_at: 'ri.updated_at',
  status: SHOWN_STATUS,
  // The page joins the session (as `so`) for these two.
  uploaded_at: 'coalesce(so.uploaded_at, so.created_at)',
  attempt_number: 'so.attempt_number',
};
const SORTS_ON_SESSION: readonly ReviewQueueSort[] = ['uploaded_at', 'attempt_number'];
const STATUSES: readonly ReviewStatus[] = ['pending', 'in_review', 'approved', 'sent_back'];

/** The raw-column condition for "shown as one of these statuses" (pending covers a lapsed reservation). */
function shownStatusIn(statuses: ReviewStatus[]): string {
  const shown = new Set(statuses.filter((s) => STATUSES.includes(s)));
  const raw = (['approved', 'sent_back'] as const).filter((s) => shown.has(s)) as string[];
  const or: string[] = [];
  if (shown.has('pending') && shown.has('in_review')) raw.push('pending', 'in_review');
  else if (shown.has('pending')) {
    raw.push('pending');
    or.push(`(ri.status = 'in_review' and not (${LIVE}))`);
  } else if (shown.has('in_review')) or.push(`(ri.status = 'in_review' and ${LIVE})`);
  // Literals from the fixed list above (never the request's text): the planner can prove the open-queue index's predicate.
  if (raw.length) or.unshift(`ri.status in (${raw.map((s) => `'${s}'`).join(', ')})`);
  return or.length ? `(${or.join(' or ')})` : 'false';
}

/** The items the filter keeps, on review_items `ri` alone (a deleted session's item is never listed). */
function filteredItems(knex: Knex, filter: ReviewQueueFilter): Knex.QueryBuilder {
  // "not in" the (few) deleted sessions: one hashed lookup per item, cheaper than an anti-join here.
  const query = knex('review_items as ri').whereRaw('ri.session_id not in (select id from cooking_sessions where deleted_at is not null)');
  if (filter.status?.length) query.whereRaw(shownStatusIn(filter.status));
  for (const assignee of filter.assigneeIds ?? []) query.where('ri.assignee_id', assignee).whereRaw(LIVE);
  if (filter.id) query.whereIn('ri.id', filter.id);
  if (filter.dishId) query.whereExists(knex('cooking_sessions as s').whereRaw('s.id = ri.session_id').where('s.dish_id', filter.dishId).select(knex.raw('1')));
  if (filter.q) {
    // LIKE's own wildcards in the text must not widen the search.
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The matching cooks and dishes first (a few hundred names), then the items of their sessions.
    query.whereExists(
      knex('cooking_sessions as s')
        .whereRaw('s.id = ri.session_id')
        .where((w) =>
          w
            .whereIn('s.user_id', knex('users').whereRaw(`name ilike ? escape '\\'`, [pattern]).select('id'))
            .orWhereIn('s.dish_id', knex('dishes').whereRaw(`name_ja ilike ? escape '\\' or name_en ilike ? escape '\\' or slug ilike ? escape '\\'`, [pattern, pattern, pattern]).select('id')),
        )
        .select(knex.raw('1')),
    );
  }
  return query;
}

/**
 * What a queue row shows, for the items `ri` (review_items rows) joined to their session `s`: the
 * columns toReviewRow reads. Everything else is a scalar subquery run for the page's rows only
 * (planned on its own: a join search over nine relations costs more than the page), the dish and
 * the newest render each as one JSON array. The session's newest analysis gives the diagnosis;
 * the poster is the cook's own frame (a render's poster is also kind 'poster' and is left out).
 */
const ROW_COLUMNS = `ri.id, ri.session_id, ${SHOWN_STATUS} as status, ri.created_at, ri.updated_at,
  coalesce(s.uploaded_at, s.created_at) as uploaded_at, s.attempt_number, s.user_id as cook_id,
  (select name from users where id = s.user_id) as cook_name,
  s.dish_id, (select json_build_array(slug, name_ja, name_en) from dishes where id = s.dish_id) as dish,
  case when ${LIVE} then ri.assignee_id end as assignee_id,
  case when ${LIVE} then (select name from users where id = ri.assignee_id) end as assignee_name,
  case when ${LIVE} then ri.reserved_until end as reserved_until,
  ri.decision, ri.decision_reason, ri.decided_by, (select name from users where id = ri.decided_by) as decided_by_name, ri.decided_at,
  ri.needs_coach, ri.low_confidence,
  (select json_build_array(id, version, status, progress) from renders where session_id = ri.session_id order by version desc limit 1) as render,
  (select result->'diagnosis' from analyses where session_id = ri.session_id order by created_at desc limit 1) as diagnosis,
  (select m.storage_key from media_assets m
    where m.session_id = ri.session_id and m.kind = 'poster' and m.owner_user_id = s.user_id
      and not exists (select 1 from renders rp where rp.poster_asset_id = m.id)
    order by m.created_at limit 1) as poster_key`;

/** The flat row toReviewRow reads, from the JSON the statement returns. */
function flatRow({ dish, render, diagnosis, ...row }: Record<string, unknown>): ReviewQueueRow {
  const [dish_slug, name_ja, name_en] = dish as [string, string, string];
  const [render_id, render_version, render_status, render_progress] = (render as [string, number, string, number] | null) ?? [null, null, null, null];
  const found = diagnosis as { code?: unknown; confidence?: unknown } | null;
  return {
    ...row,
    dish_slug,
    name_ja,
    name_en,
    render_id,
    render_version,
    render_status,
    render_progress,
    // As ->> and jsonb_typeof read them: a code as its text, a confidence only when it is a number.
    diagnosis_code: found?.code === null || found?.code === undefined ? null : typeof found.code === 'string' ? found.code : JSON.stringify(found.code),
    diagnosis_confidence: typeof found?.confidence === 'number' ? found.confidence : null,
  };
}

export type ReviewQueueRow = Record<string, unknown>;

/** One item's queue row (undefined when there is no such item or its session is deleted). */
export async function reviewQueueRow(knex: Knex, id: string): Promise<ReviewQueueRow | undefined> {
  const result = (await knex.raw(`select ${ROW_COLUMNS} from review_items ri join cooking_sessions s on s.id = ri.session_id where ri.id = ? and s.deleted_at is null`, [id])) as { rows: ReviewQueueRow[] };
  return result.rows[0] && flatRow(result.rows[0]);
}

/** One page of the queue (its rows in order, as ROW_COLUMNS) and how many items the filter keeps. */
export async function reviewQueuePage(knex: Knex, query: ReviewQueuePageQuery): Promise<{ rows: ReviewQueueRow[]; total: number }> {
  const order = [
    ...(query.coachFirst ? ['ri.needs_coach desc', 'ri.low_confidence desc'] : []),
    `${SORT_EXPRESSION[query.sort.column]} ${query.sort.order === 'desc' ? 'desc' : 'asc'}`,
    ...(query.sort.column === 'id' ? [] : ['ri.id asc']),
  ].join(', ');
  const count = filteredItems(knex, query.filter).count({ n: '*' });
  const page = filteredItems(knex, query.filter)
    .select('ri.*')
    .modify((q) => (SORTS_ON_SESSION.includes(query.sort.column) ? q.join('cooking_sessions as so', 'so.id', 'ri.session_id') : q))
    .orderByRaw(order)
    .offset(query.offset)
    .limit(query.limit);
  // Count and page travel as one statement (each statement is a round trip through the embedded
  // database's single connection); a page past the end is the count's row alone (__n null).
  const result = (await knex
    .raw(`select c.n as __total, p.* from ? c left join lateral (select ri.__n, ${ROW_COLUMNS} from (select row_number() over () as __n, pg.* from ? pg) ri join cooking_sessions s on s.id = ri.session_id) p on true order by p.__n`, [count, page])
    // Planned once per session, not per request: the text takes a few shapes (filters and sorts).
    .options(PREPARED)) as {
    rows: Array<ReviewQueueRow & { __total: string | number; __n: string | number | null }>;
  };
  const rows = result.rows.filter((r) => r.__n !== null).map(({ __total: _t, __n: _n, ...row }) => flatRow(row));
  return { rows, total: Number(result.rows[0]?.__total ?? 0) };
}
