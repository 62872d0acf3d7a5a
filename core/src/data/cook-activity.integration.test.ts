import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createKnex } from '../db/knex';
import { ensureLearnerRooms, insertLearnerMessage, postOnce } from './chat-rooms';
import { deleteSession, insertNextSession } from './cooking-sessions';
import { insertCoachMessage, pageCooks, setRoomHolder, type CookListRow } from './cooks';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());

/**
 * The activity as computed from the source tables (what the cooks list computed on every request
 * before cook_activity): the triggers must always leave cook_activity equal to it.
 */
async function computedActivity(userIds: string[]) {
  const { rows } = await knex.raw(
    `select u.id as user_id, u.name, u.email, u.role, u.locale, u.disabled, u.created_at,
       (select count(*)::int from cooking_sessions s where s.user_id = u.id and s.deleted_at is null) as session_count,
       (select max(s.created_at) from cooking_sessions s where s.user_id = u.id and s.deleted_at is null) as last_session_at,
       (select max(m.created_at) from chat_messages m join chat_rooms r on r.id = m.room_id where r.user_id = u.id) as last_message_at,
       exists (select 1 from chat_rooms r where r.user_id = u.id and r.ai_paused) as ai_paused,
       coalesce((select m.author_kind = 'learner' from chat_messages m join chat_rooms r on r.id = m.room_id
         where r.user_id = u.id order by m.created_at desc, m.id desc limit 1), false) as awaiting_reply
     from users u where u.id = any(?) order by u.id`,
    [userIds],
  );
  return rows as unknown[];
}
const storedActivity = (userIds: string[]) =>
  knex('cook_activity').whereIn('user_id', userIds).orderBy('user_id').select('user_id', 'name', 'email', 'role', 'locale', 'disabled', 'created_at', 'session_count', 'last_session_at', 'last_message_at', 'ai_paused', 'awaiting_reply');

const tag = randomUUID().slice(0, 8);
let dishIds: string[] = [];
beforeAll(async () => {
  dishIds = await knex('dishes').orderBy('slug').limit(2).pluck('id');
});

async function newCook(n: number): Promise<string> {
  const [row] = await knex('users').insert({ email: `activity-${n}-${tag}@test.local`, name: `Activity ${n} ${tag}`, role: 'learner' }).returning('id');
  return row.id as string;
}
const roomOf = async (userId: string, kind = 'my_coaching') => (await knex('chat_rooms').where({ user_id: userId, kind }).first('id')).id as string;

describe('cook_activity: kept equal to the cook’s sessions, rooms and messages by every write', () => {
  it('follows accounts, sessions, messages, room holders and deletions', async () => {
    const a = await newCook(1);
    const b = await newCook(2);
    const ids = [a, b];
    const check = async () => expect(await storedActivity(ids)).toEqual(await computedActivity(ids));

    // A new account has its row at once, with no activity.
    expect(await storedActivity([a])).toEqual([
      expect.objectContaining({ user_id: a, name: `Activity 1 ${tag}`, role: 'learner', session_count: 0, last_session_at: null, last_message_at: null, ai_paused: false, awaiting_reply: false }),
    ]);
    await check();
    // The account's own columns follow its edits (an admin renames, disables, changes the role).
    await knex('users').where({ id: b }).update({ name: `Renamed ${tag}`, email: `renamed-${tag}@test.local`, locale: 'en', disabled: true });
    await check();
    await knex('users').where({ id: b }).update({ role: 'coach' });
    await check();
    await knex('users').where({ id: b }).update({ role: 'learner', disabled: false });
    await ensureLearnerRooms(knex, a);
    await ensureLearnerRooms(knex, b);
    await check();

    const s1 = await insertNextSession(knex, { userId: a, dishId: dishIds[0]!, note: null, selfRatings: {} });
    const s2 = await insertNextSession(knex, { userId: a, dishId: dishIds[1]!, note: null, selfRatings: {} });
    await check();
    expect((await storedActivity([a]))[0]).toMatchObject({ session_count: 2 });

    // The cook asks: awaiting a reply; the AI answers in another room, later: no longer awaiting.
    await insertLearnerMessage(knex, { roomId: await roomOf(a), sessionId: s1, userId: a, body: 'パラパラにするには？' });
    await check();
    expect((await storedActivity([a]))[0]).toMatchObject({ awaiting_reply: true });
    await postOnce(knex, { userId: a, roomKind: 'help', kind: 'text', author: 'ai', sessionId: null, body: '強火で', idempotencyKey: `activity-${tag}-1` });
    await check();
    expect((await storedActivity([a]))[0]).toMatchObject({ awaiting_reply: false });

    // A coach takes over b's room and answers; hands back.
    const coach = await knex('users').insert({ email: `activity-coach-${tag}@test.local`, name: 'Coach', role: 'coach' }).returning('id');
    await setRoomHolder(knex, await roomOf(b), coach[0].id);
    await check();
    expect((await storedActivity([b]))[0]).toMatchObject({ ai_paused: true });
    await insertCoachMessage(knex, { roomId: await roomOf(b), sessionId: null, coachId: coach[0].id, body: 'どうぞ' });
    await check();
    await setRoomHolder(knex, await roomOf(b), null);
    await check();

    // Soft and hard deletion of a session; a message moved back in time; messages deleted; a room deleted.
    await knex('cooking_sessions').where({ id: s2 }).update({ deleted_at: knex.fn.now() });
    await check();
    expect((await storedActivity([a]))[0]).toMatchObject({ session_count: 1 });
    await deleteSession(knex, s1);
    await check();
    await knex('chat_messages').where({ room_id: await roomOf(a, 'help') }).update({ created_at: knex.raw("now() - interval '1 day'") });
    await check();
    expect((await storedActivity([a]))[0]).toMatchObject({ awaiting_reply: true });
    await knex('chat_messages').where({ room_id: await roomOf(a) }).delete();
    await check();
    await knex('chat_rooms').where({ user_id: a }).delete();
    await check();
    expect((await storedActivity([a]))[0]).toMatchObject({ session_count: 0, last_message_at: null, awaiting_reply: false });

    // Deleting the account takes its row with it (the cascades' triggers find no account to refresh).
    await knex('users').whereIn('id', ids).delete();
    expect(await storedActivity(ids)).toEqual([]);
  });

  it('the cooks list pages the stored activity in the same order as the computed one', async () => {
    const cooks = await Promise.all([10, 11, 12, 13].map((n) => newCook(n)));
    for (const [i, cook] of cooks.entries()) {
      await ensureLearnerRooms(knex, cook);
      // Cook 0 never writes (no message: first in a descending sort, as Postgres puts nulls there).
      if (i === 0) continue;
      await knex('chat_messages').insert({ room_id: await roomOf(cook), kind: 'text', author_kind: i === 2 ? 'ai' : 'learner', body: 'q', created_at: knex.raw(`now() - interval '${i} hour'`) });
    }
    const page = await pageCooks(knex, { filter: { id: cooks }, sort: { field: 'last_message_at', order: 'desc' }, range: { start: 0, end: 24 } });
    expect(page.total).toBe(4);
    expect(page.rows.map((r: CookListRow) => r.id)).toEqual([cooks[0], cooks[1], cooks[2], cooks[3]]);
    expect(page.rows.map((r) => r.awaiting_reply)).toEqual([false, true, false, true]);
    const awaiting = await pageCooks(knex, { filter: { id: cooks, awaiting_reply: true }, sort: { field: 'last_message_at', order: 'asc' }, range: { start: 0, end: 0 } });
    expect(awaiting.total).toBe(2);
    expect(awaiting.rows.map((r) => r.id)).toEqual([cooks[3]]);
  });
});
