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

/** The columns the row query selects from that join. */
export const analysisColumns = (knex: Knex) => [
  'an.diagnosis_code',
  'an.diagnosis_confidence',
  knex.raw('coalesce(an.diagnosis_confidence < ?, false) as low_confidence', [LOW_CONFIDENCE]),
];
