import type { Knex } from 'knex';
import { unansweredHandOvers } from '../../data/chat-rooms';

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
 */
export async function listOpenQuestions(knex: Knex, now = new Date()): Promise<OpenQuestion[]> {
  const rows = await unansweredHandOvers(knex, 200);
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
