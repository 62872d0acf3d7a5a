import type { Knex } from 'knex';

/**
 * Issue 11 (console lists under load): the review queue's order (needs a coach, then an unsure
 * diagnosis, then the requested sort) becomes an index scan. Whether the newest analysis of the
 * item's session is unsure is kept on the item itself (review_items.low_confidence), by triggers
 * so that every writer of analyses or review items keeps it right (inserts, updates and deletes,
 * cascades included). The threshold is core/src/data/review-row-analysis.ts's LOW_CONFIDENCE (0.6):
 * a change there needs a migration that redefines review_low_confidence (a test checks they agree).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table review_items add column low_confidence boolean not null default false`);
  // The newest analysis decides; a confidence that is not a number (or no analysis) is not "unsure".
  await knex.raw(`
    create function review_low_confidence(p_session_id uuid) returns boolean language sql stable as $$
      select coalesce((
        select case when jsonb_typeof(result->'diagnosis'->'confidence') = 'number' then (result->'diagnosis'->>'confidence')::float8 end
        from analyses where session_id = p_session_id order by created_at desc limit 1
      ) < 0.6, false)
    $$`);
  await knex.raw(`
    create function review_items_keep_low_confidence() returns trigger language plpgsql as $$
    begin
      new.low_confidence := review_low_confidence(new.session_id);
      return new;
    end $$`);
  await knex.raw(`
    create trigger review_items_keep_low_confidence before insert or update of session_id, low_confidence on review_items
    for each row execute function review_items_keep_low_confidence()`);
  await knex.raw(`
    create function analyses_refresh_review_low_confidence() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then
        update review_items set low_confidence = review_low_confidence(old.session_id) where session_id = old.session_id;
      end if;
      if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.session_id is distinct from old.session_id) then
        update review_items set low_confidence = review_low_confidence(new.session_id) where session_id = new.session_id;
      end if;
      return null;
    end $$`);
  await knex.raw(`
    create trigger analyses_refresh_review_low_confidence after insert or update or delete on analyses
    for each row execute function analyses_refresh_review_low_confidence()`);
  await knex.raw(`update review_items set low_confidence = review_low_confidence(session_id)`);

  // The open queue in its order: the console's first page reads 25 entries of this index.
  await knex.raw(`create index review_items_open_queue on review_items (needs_coach desc, low_confidence desc, created_at, id) where status in ('pending', 'in_review')`);
  // Deleted sessions are few: "not deleted" is checked against this small index instead of every session.
  await knex.raw(`create index cooking_sessions_deleted on cooking_sessions (id) where deleted_at is not null`);
  // A session's newest analysis, read by every queue row.
  await knex.raw(`create index analyses_session_newest on analyses (session_id, created_at desc)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index analyses_session_newest');
  await knex.raw('drop index cooking_sessions_deleted');
  await knex.raw('drop index review_items_open_queue');
  await knex.raw('drop trigger analyses_refresh_review_low_confidence on analyses');
  await knex.raw('drop function analyses_refresh_review_low_confidence()');
  await knex.raw('drop trigger review_items_keep_low_confidence on review_items');
  await knex.raw('drop function review_items_keep_low_confidence()');
  await knex.raw('drop function review_low_confidence(uuid)');
  await knex.raw('alter table review_items drop column low_confidence');
}
