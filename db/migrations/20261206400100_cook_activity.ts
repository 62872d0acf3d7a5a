import type { Knex } from 'knex';

/**
 * Issue 11 (console lists under load): the cooks list sorts every cook by their last chat message,
 * which meant computing every cook's activity on every request. cook_activity keeps one row per
 * account with the columns the list shows (the account's own, copied, and its activity), kept right
 * by triggers on every table they come from (whatever code writes them), so the list's first page is
 * an index scan of 25 rows of one table.
 *
 * Each trigger recomputes the one account's row from scratch (a few index probes), never adds or
 * subtracts: the row is always what the aggregate query would answer.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cook_activity', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('CASCADE');
    // The account's columns the list shows and filters on, as in users.
    t.text('name').notNullable();
    t.text('email').notNullable();
    t.text('role').notNullable();
    t.text('locale').notNullable();
    t.boolean('disabled').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.integer('session_count').notNullable().defaultTo(0); // live sessions (not deleted)
    t.timestamp('last_session_at', { useTz: true });
    t.timestamp('last_message_at', { useTz: true });
    t.boolean('ai_paused').notNullable().defaultTo(false); // a coach holds at least one of the cook's rooms
    t.boolean('awaiting_reply').notNullable().defaultTo(false); // the cook wrote the newest message
  });
  // The list's default sort (newest message first; accounts without messages first, as Postgres sorts nulls in DESC).
  await knex.raw(`create index cook_activity_last_message on cook_activity (last_message_at desc, user_id) where role = 'learner'`);

  await knex.raw(`
    create function refresh_cook_activity(uid uuid) returns void language plpgsql as $$
    begin
      -- Lock the row first: the aggregates below then read with a snapshot taken after any
      -- concurrent writer of the same cook committed (read committed), so none of them is lost.
      perform 1 from cook_activity where user_id = uid for update;
      insert into cook_activity (user_id, name, email, role, locale, disabled, created_at, session_count, last_session_at, last_message_at, ai_paused, awaiting_reply)
      select u.id, u.name, u.email, u.role, u.locale, u.disabled, u.created_at,
        (select count(*)::int from cooking_sessions s where s.user_id = u.id and s.deleted_at is null),
        (select max(s.created_at) from cooking_sessions s where s.user_id = u.id and s.deleted_at is null),
        (select max((select max(m.created_at) from chat_messages m where m.room_id = r.id)) from chat_rooms r where r.user_id = u.id),
        exists (select 1 from chat_rooms r where r.user_id = u.id and r.ai_paused),
        coalesce((select l.author_kind = 'learner' from chat_rooms r
          cross join lateral (select m.author_kind, m.created_at, m.id from chat_messages m where m.room_id = r.id order by m.created_at desc, m.id desc limit 1) l
          where r.user_id = u.id order by l.created_at desc, l.id desc limit 1), false)
      from users u where u.id = uid
      on conflict (user_id) do update set
        name = excluded.name, email = excluded.email, role = excluded.role, locale = excluded.locale, disabled = excluded.disabled, created_at = excluded.created_at,
        session_count = excluded.session_count, last_session_at = excluded.last_session_at, last_message_at = excluded.last_message_at,
        ai_paused = excluded.ai_paused, awaiting_reply = excluded.awaiting_reply;
    end $$`);

  // One trigger function per source table: which account(s) a changed row belongs to.
  await knex.raw(`
    create function cook_activity_from_user() returns trigger language plpgsql as $$
    begin
      perform refresh_cook_activity(new.id);
      return null;
    end $$`);
  await knex.raw(`
    create function cook_activity_from_session_or_room() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then perform refresh_cook_activity(new.user_id); end if;
      if tg_op <> 'INSERT' and (tg_op = 'DELETE' or old.user_id is distinct from new.user_id) then perform refresh_cook_activity(old.user_id); end if;
      return null;
    end $$`);
  await knex.raw(`
    create function cook_activity_from_message() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'DELETE' then perform refresh_cook_activity((select r.user_id from chat_rooms r where r.id = new.room_id)); end if;
      if tg_op <> 'INSERT' and (tg_op = 'DELETE' or old.room_id is distinct from new.room_id) then
        perform refresh_cook_activity((select r.user_id from chat_rooms r where r.id = old.room_id));
      end if;
      return null;
    end $$`);

  // Not last_login_at and the like: a sign-in does not pay for it.
  await knex.raw('create trigger cook_activity_users after insert or update of name, email, role, locale, disabled, created_at on users for each row execute function cook_activity_from_user()');
  // Only the columns the activity is computed from: status changes and read receipts do not pay for it.
  await knex.raw(
    'create trigger cook_activity_sessions after insert or delete or update of user_id, created_at, deleted_at on cooking_sessions for each row execute function cook_activity_from_session_or_room()',
  );
  await knex.raw('create trigger cook_activity_rooms after insert or delete or update of user_id, ai_paused on chat_rooms for each row execute function cook_activity_from_session_or_room()');
  await knex.raw(
    'create trigger cook_activity_messages after insert or delete or update of room_id, created_at, author_kind on chat_messages for each row execute function cook_activity_from_message()',
  );

  await knex.raw('select refresh_cook_activity(id) from users');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger cook_activity_messages on chat_messages');
  await knex.raw('drop trigger cook_activity_rooms on chat_rooms');
  await knex.raw('drop trigger cook_activity_sessions on cooking_sessions');
  await knex.raw('drop trigger cook_activity_users on users');
  await knex.raw('drop function cook_activity_from_message()');
  await knex.raw('drop function cook_activity_from_session_or_room()');
  await knex.raw('drop function cook_activity_from_user()');
  await knex.raw('drop function refresh_cook_activity(uuid)');
  await knex.schema.dropTable('cook_activity');
}
