/**
 * The queue row's view of the session's newest analysis (its diagnosis code and how sure the
 * analyzer was), newest render and poster frame: scalar subqueries on a row that has `session_id`
 * and `cook_id`, each null when there is no such row. Scalar subqueries, not lateral joins: each is
 * planned on its own (the join search grows with every joined relation), and the list runs the
 * ones it does not sort on for its page's rows only.
 */
import type { Knex } from 'knex';

/** Below this confidence a diagnosis is "low confidence": the queue lists it first (after needs-coach). */
export const LOW_CONFIDENCE = 0.6;

const latestAnalysis = (session: string) => `from analyses where session_id = ${session} order by created_at desc limit 1`;
const CONFIDENCE = `case when jsonb_typeof(result->'diagnosis'->'confidence') = 'number' then (result->'diagnosis'->>'confidence')::float8 end`;

/** Whether the newest diagnosis of the item's session (`ri.session_id`) is unsure: the queue sorts on it. */
export const lowConfidenceColumn = (knex: Knex) => knex.raw(`coalesce((select ${CONFIDENCE} ${latestAnalysis('ri.session_id')}) < ?, false) as low_confidence`, [LOW_CONFIDENCE]);

/**
 * What a queue row shows beyond its sortable columns, for the row `row` (an alias with session_id,
 * cook_id and decided_by): newest render, diagnosis, poster frame of the cook's footage (the cook's
 * own media; a render's poster is also kind 'poster' and is left out) and the decider's name.
 */
export const reviewDetailColumns = (knex: Knex, row: string) => [
  ...(['id', 'version', 'status', 'progress'] as const).map((c) => knex.raw(`(select ${c} from renders where session_id = ${row}.session_id order by version desc limit 1) as render_${c}`)),
  knex.raw(`(select name from users where id = ${row}.decided_by) as decided_by_name`),
  knex.raw(`(select m.storage_key from media_assets m
    where m.session_id = ${row}.session_id and m.kind = 'poster' and m.owner_user_id = ${row}.cook_id
      and not exists (select 1 from renders rp where rp.poster_asset_id = m.id)
    order by m.created_at limit 1) as poster_key`),
  knex.raw(`(select result->'diagnosis'->>'code' ${latestAnalysis(`${row}.session_id`)}) as diagnosis_code`),
  knex.raw(`(select ${CONFIDENCE} ${latestAnalysis(`${row}.session_id`)}) as diagnosis_confidence`),
];
