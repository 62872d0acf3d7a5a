/**
 * The console lists' volume for benchmarks: cooks with three sessions each (the third waiting in the
 * review queue, the first two approved), six chat messages per cook and a long audit log. Needs the
 * demo seed first (its dishes and the admin account).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

export async function seedConsoleVolume(knex: Knex, options: { cooks: number; auditRows: number }): Promise<void> {
  // Volume: cooks with sessions and chat, and a long audit log.
  const dishes = await knex('dishes').pluck('id');
  const admin = await knex('users').where({ email: 'admin@ajimi.local' }).first('id');
  for (let start = 0; start < options.cooks; start += 100) {
    const users = await knex('users')
      .insert(Array.from({ length: 100 }, (_, i) => ({ email: `bench-cook-${start + i}@bench.local`, name: `Bench Cook ${start + i}`, role: 'learner' })))
      .returning('id');
    const rooms = await knex('chat_rooms')
      .insert(users.map((u) => ({ user_id: u.id, kind: 'my_coaching' })))
      .returning(['id', 'user_id']);
    await knex('cooking_sessions').insert(
      users.flatMap((u, i) => [1, 2, 3].map((n) => ({ user_id: u.id, dish_id: dishes[(i + n) % dishes.length], attempt_number: n, status: n === 3 ? 'in_review' : 'delivered' }))),
    );
    await knex('chat_messages').insert(
      rooms.flatMap((r) => [
        { room_id: r.id, kind: 'text', author_kind: 'learner', body: 'パラパラにするには？' },
        { room_id: r.id, kind: 'text', author_kind: 'ai', body: '強火で鍋をしっかり熱してから…' },
        { room_id: r.id, kind: 'text', author_kind: 'learner', body: 'ありがとう' },
        { room_id: r.id, kind: 'text', author_kind: 'ai', body: 'どういたしまして' },
        { room_id: r.id, kind: 'text', author_kind: 'learner', body: 'もう一つ' },
        { room_id: r.id, kind: 'text', author_kind: 'ai', body: 'はい' },
      ]),
    );
  }
  // Every session went to review: the third attempt waits in the queue, the first two were approved.
  await knex.raw(
    `insert into review_items (session_id, status, decision, decided_by, decided_at)
     select s.id, case when s.status = 'in_review' then 'pending' else 'approved' end,
            case when s.status = 'in_review' then null else 'approved' end,
            case when s.status = 'in_review' then null else ?::uuid end,
            case when s.status = 'in_review' then null else now() end
     from cooking_sessions s join users u on u.id = s.user_id where u.email like 'bench-cook-%'`,
    [admin.id],
  );
  for (let start = 0; start < options.auditRows; start += 2000) {
    await knex('audit_log').insert(
      Array.from({ length: 2000 }, (_, i) => ({
        actor_user_id: admin.id,
        actor_role: 'admin',
        action: ['principle.update', 'chat_room.reply', 'user.update', 'session.retry_stage'][i % 4],
        entity_type: 'bench',
        entity_id: randomUUID(),
        after: JSON.stringify({ n: start + i }),
      })),
    );
  }
}
