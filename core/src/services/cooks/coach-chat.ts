import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { PushSender } from '../../providers/push/web-push-sender';
import { recordAudit, type Actor } from '../../data/audit-log';
import { ensureLearnerRooms, ROOM_KINDS, type RoomKind } from '../../data/chat-rooms';
import { toPostedMessage, type PostedMessage } from '../../data/chat-rooms';

export interface CookRoom {
  id: string;
  kind: RoomKind;
  /** A coach holds the thread: the AI does not answer the cook's messages here until handed back. */
  aiPaused: boolean;
  pausedBy: { id: string; name: string } | null;
}

export interface TranscriptMessage extends PostedMessage {
  authorName: string | null;
}

export interface CookChat {
  rooms: CookRoom[];
  /** The latest messages across the cook's rooms, oldest first. */
  messages: TranscriptMessage[];
}

export const TRANSCRIPT_LIMIT = 300;

async function cookRooms(db: Knex | Knex.Transaction, cookId: string): Promise<CookRoom[]> {
  const rows = await db('chat_rooms as r').leftJoin('users as u', 'u.id', 'r.paused_by').where('r.user_id', cookId).select('r.id', 'r.kind', 'r.ai_paused', 'r.paused_by', 'u.name as paused_by_name');
  const order = new Map(ROOM_KINDS.map((k, i) => [k, i]));
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, aiPaused: r.ai_paused, pausedBy: r.paused_by ? { id: r.paused_by, name: r.paused_by_name } : null }))
    .sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0));
}

async function requireCook(db: Knex | Knex.Transaction, cookId: string): Promise<void> {
  const cook = await db('users').where({ id: cookId, role: 'learner' }).first('id');
  if (!cook) throw new NotFoundError('Cook');
}

/** The cook's chat as the console shows it: rooms with who holds them, and the transcript. */
export async function getCookChat(knex: Knex, cookId: string, options: { roomId?: string | undefined } = {}): Promise<CookChat> {
  await requireCook(knex, cookId);
  await ensureLearnerRooms(knex, cookId);
  const rooms = await cookRooms(knex, cookId);
  if (options.roomId && !rooms.some((r) => r.id === options.roomId)) throw new NotFoundError('Room');
  const rows = await knex('chat_messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_user_id')
    .whereIn('m.room_id', options.roomId ? [options.roomId] : rooms.map((r) => r.id))
    .orderBy([
      { column: 'm.created_at', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ])
    .limit(TRANSCRIPT_LIMIT)
    .select('m.*', 'u.name as author_name');
  return { rooms, messages: rows.reverse().map((r) => ({ ...toPostedMessage(r), authorName: r.author_name ?? null })) };
}

async function lockRoom(trx: Knex.Transaction, cookId: string, roomId: string) {
  await requireCook(trx, cookId);
  const room = await trx('chat_rooms').where({ id: roomId, user_id: cookId }).forUpdate().first();
  if (!room) throw new NotFoundError('Room');
  return room as { id: string; kind: RoomKind; ai_paused: boolean; paused_by: string | null };
}

async function pause(trx: Knex.Transaction, actor: Actor, room: { id: string; kind: string; ai_paused: boolean; paused_by: string | null }, cookId: string): Promise<void> {
  if (room.ai_paused && room.paused_by === actor.userId) return;
  await trx('chat_rooms').where({ id: room.id }).update({ ai_paused: true, paused_by: actor.userId });
  await recordAudit(trx, actor, {
    action: 'chat_room.take_over',
    entityType: 'chat_room',
    entityId: room.id,
    before: { ai_paused: room.ai_paused, paused_by: room.paused_by },
    after: { ai_paused: true, paused_by: actor.userId, cook_id: cookId, kind: room.kind },
  });
}

/**
 * A coach answers the cook as a human. Posting takes the thread over: from now on the AI stays
 * quiet in this room (new questions queue no reply, and a reply already queued sees the pause and
 * does nothing) until someone hands it back. The cook gets a push notification.
 */
export async function postCoachReply(
  deps: { knex: Knex; push?: PushSender | undefined; onPushError?: ((error: unknown) => void) | undefined },
  actor: Actor & { userId: string },
  cookId: string,
  input: { roomId: string; body: string; sessionId?: string | undefined },
): Promise<{ message: TranscriptMessage; rooms: CookRoom[] }> {
  const result = await deps.knex.transaction(async (trx) => {
    const room = await lockRoom(trx, cookId, input.roomId);
    if (input.sessionId) {
      const own = await trx('cooking_sessions').where({ id: input.sessionId, user_id: cookId }).first('id');
      if (!own) throw new NotFoundError('Session');
    }
    await pause(trx, actor, room, cookId);
    const [row] = await trx('chat_messages')
      .insert({ room_id: room.id, session_id: input.sessionId ?? null, kind: 'text', author_kind: 'coach', author_user_id: actor.userId, body: input.body })
      .returning('*');
    const author = await trx('users').where({ id: actor.userId }).first('name');
    const cook = await trx('users').where({ id: cookId }).first('locale');
    await recordAudit(trx, actor, {
      action: 'chat_room.reply',
      entityType: 'chat_room',
      entityId: room.id,
      after: { message_id: row.id, cook_id: cookId, session_id: input.sessionId ?? null, body: input.body },
    });
    return { message: { ...toPostedMessage(row), authorName: author?.name ?? null }, rooms: await cookRooms(trx, cookId), locale: cook?.locale as string };
  });
  if (deps.push) {
    // Never fails the reply: the message is already in the cook's chat.
    void deps.push
      .notifyUser(cookId, {
        title: result.locale === 'en' ? 'Your coach replied' : 'コーチから返信が届きました',
        body: input.body.slice(0, 120),
        url: `/#/rooms/${result.message.roomId}?message=${result.message.id}`,
        tag: `coach-reply:${result.message.id}`,
      })
      .catch((error: unknown) => deps.onPushError?.(error));
  }
  return { message: result.message, rooms: result.rooms };
}

/** A coach takes a thread over without writing yet (e.g. to answer at length in a moment). */
export async function takeOverRoom(knex: Knex, actor: Actor & { userId: string }, cookId: string, roomId: string): Promise<CookRoom[]> {
  return knex.transaction(async (trx) => {
    await pause(trx, actor, await lockRoom(trx, cookId, roomId), cookId);
    return cookRooms(trx, cookId);
  });
}

/** Hands the thread back to the AI: the cook's next question gets an automatic answer again. */
export async function handBackToAi(knex: Knex, actor: Actor, cookId: string, roomId: string): Promise<CookRoom[]> {
  return knex.transaction(async (trx) => {
    const room = await lockRoom(trx, cookId, roomId);
    if (room.ai_paused) {
      await trx('chat_rooms').where({ id: room.id }).update({ ai_paused: false, paused_by: null });
      await recordAudit(trx, actor, {
        action: 'chat_room.hand_back',
        entityType: 'chat_room',
        entityId: room.id,
        before: { ai_paused: true, paused_by: room.paused_by },
        after: { ai_paused: false, paused_by: null, cook_id: cookId, kind: room.kind },
      });
    }
    return cookRooms(trx, cookId);
  });
}
