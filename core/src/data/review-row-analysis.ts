/** The queue row's view of the latest analysis: its diagnosis code and how sure the analyzer was. */
import type { Knex } from 'knex';

/** Below this confidence a diagnosis is "low confidence": the queue lists it first (after needs-coach). */
export const LOW_CONFIDENCE = 0.6;

/** A lateral join (alias `an`) on the session's newest analysis; `ri` is the review item. */
export const LATEST_ANALYSIS_JOIN = `left join lateral (
  select result->'diagnosis'->>'code' as diagnosis_code,
         case when jsonb_typeof(result->'diagnosis'->'confidence') = 'number' then (result->'diagnosis'->>'confidence')::float8 end as diagnosis_confidence
  from analyses where session_id = ri.session_id order by created_at desc limit 1
) an on true`;

/**
 * A lateral join (alias `po`) on the poster frame of the cook's footage, for the queue's thumbnail
 * (the cook's own media; a render's poster is also kind 'poster' and is left out).
 */
export const POSTER_JOIN = `left join lateral (
  select m.storage_key as poster_key from media_assets m
  where m.session_id = ri.session_id and m.kind = 'poster' and m.owner_user_id = s.user_id
    and not exists (select 1 from renders rp where rp.poster_asset_id = m.id)
  order by m.created_at limit 1
) po on true`;

/** The columns the row query selects from those joins. */
export const analysisColumns = (knex: Knex) => [
  'po.poster_key',
  'an.diagnosis_code',
  'an.diagnosis_confidence',
  knex.raw('coalesce(an.diagnosis_confidence < ?, false) as low_confidence', [LOW_CONFIDENCE]),
];
