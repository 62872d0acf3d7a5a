import type { Knex } from 'knex';

export interface OpenQuestion {
  /** The AI message that handed the question over. */
  handOverMessageId: string;
  questionMessageId: string | null;
  question: string;
  reason: string | null;
  intent: string | null;
  roomId: string;
  cook: { id: string; name: string };
  askedAt: string;
  ageMinutes: number;
}

/**
 * Questions the dialogue manager (or Gemini) handed to a coach that no coach has answered yet:
 * an AI message with payload.handToCoach and no coach message after it in the same room. Oldest first.
 * (A query for core/src/data when the data layer lands.)
 */
export async function listOpenQuestions(knex: Knex, now = new Date()): Promise<OpenQuestion[]> {
  const rows = await knex('chat_messages as a')
    .join('chat_rooms as r', 'r.id', 'a.room_id')
    .join('users as u', 'u.id', 'r.user_id')
    .leftJoin('chat_messages as q', 'q.id', knex.raw("(a.payload->>'inReplyTo')::uuid"))
    .where('a.author_kind', 'ai')
    .whereRaw("(a.payload->>'handToCoach')::boolean is true")
    .whereNotExists(knex('chat_messages as c').whereRaw('c.room_id = a.room_id').where('c.author_kind', 'coach').whereRaw('c.created_at > a.created_at'))
    .orderBy('a.created_at', 'asc')
    .limit(200)
    .select('a.id', 'a.room_id', 'a.payload', 'u.id as user_id', 'u.name as user_name', 'q.id as question_id', 'q.body as question', 'q.created_at as asked_at', 'a.created_at as handed_at');
  return rows.map((r) => {
    const askedAt = new Date(r.asked_at ?? r.handed_at);
    return {
      handOverMessageId: r.id,
      questionMessageId: r.question_id ?? null,
      question: r.question ?? '',
      reason: r.payload?.handOverReason ?? null,
      intent: r.payload?.intent ?? null,
      roomId: r.room_id,
      cook: { id: r.user_id, name: r.user_name },
      askedAt: askedAt.toISOString(),
      ageMinutes: Math.max(0, Math.floor((now.getTime() - askedAt.getTime()) / 60_000)),
    };
  });
}
