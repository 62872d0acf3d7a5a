import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { PushSender } from '../../providers/push/web-push-sender';
import { recordAudit, type Actor } from '../../data/audit-log';
import { ensureLearnerRooms, ROOM_KINDS, type RoomKind } from '../../data/chat-rooms';
import { toPostedMessage, type PostedMessage } from '../../data/chat-rooms';
import { cookRoomsWithHolder, insertCoachMessage, isCook, lockCookRoom, roomsTranscript, setRoomHolder } from '../../data/cooks';
import { isOwnSession } from '../../data/cooking-sessions';
import { findUserById } from '../../data/users';

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
  const rows = await cookRoomsWithHolder(db, cookId);
  const order = new Map(ROOM_KINDS.map((k, i) => [k, i]));
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, aiPaused: r.ai_paused, pausedBy: r.paused_by ? { id: r.paused_by, name: r.paused_by_name ?? '' } : null }))
    .sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0));
}

async function requireCook(db: Knex | Knex.Transaction, cookId: string): Promise<void> {
  if (!(await isCook(db, cookId))) throw new NotFoundError('Cook');
}

/** The cook's chat as the console shows it: rooms with who holds them, and the transcript. */
export async function getCookChat(knex: Knex, cookId: string, options: { roomId?: string | undefined } = {}): Promise<CookChat> {
  await requireCook(knex, cookId);
  await ensureLearnerRooms(knex, cookId);
  const rooms = await cookRooms(knex, cookId);
  if (options.roomId && !rooms.some((r) => r.id === options.roomId)) throw new NotFoundError('Room');
  const rows = await roomsTranscript(knex, options.roomId ? [options.roomId] : rooms.map((r) => r.id), TRANSCRIPT_LIMIT);
  return { rooms, messages: rows.reverse().map((r) => ({ ...toPostedMessage(r), authorName: r.author_name ?? null })) };
}

async function lockRoom(trx: Knex.Transaction, cookId: string, roomId: string) {
  await requireCook(trx, cookId);
  const room = await lockCookRoom(trx, cookId, roomId);
  if (!room) throw new NotFoundError('Room');
  return room;
}

async function pause(trx: Knex.Transaction, actor: Actor & { userId: string }, room: { id: string; kind: string; ai_paused: boolean; paused_by: string | null }, cookId: string): Promise<void> {
  if (room.ai_paused && room.paused_by === actor.userId) return;
  await setRoomHolder(trx, room.id, actor.userId);
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
      if (!(await isOwnSession(trx, cookId, input.sessionId))) throw new NotFoundError('Session');
    }
    await pause(trx, actor, room, cookId);
    const row = await insertCoachMessage(trx, { roomId: room.id, sessionId: input.sessionId ?? null, coachId: actor.userId, body: input.body });
    const author = await findUserById(trx, actor.userId);
    const cook = await findUserById(trx, cookId);
    await recordAudit(trx, actor, {
      action: 'chat_room.reply',
      entityType: 'chat_room',
      entityId: room.id,
      after: { message_id: row.id, cook_id: cookId, session_id: input.sessionId ?? null, body: input.body },
    });
    return { message: { ...toPostedMessage(row), authorName: author?.name ?? null }, rooms: await cookRooms(trx, cookId), locale: cook?.locale ?? 'ja' };
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
      await setRoomHolder(trx, room.id, null);
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
