import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { ChatMessage } from '../models/chat-message';

export const ROOM_KINDS = ['my_coaching', 'cooking_videos', 'help'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** Every learner has the same three rooms; created on first need, never twice. */
export async function ensureLearnerRooms(db: Knex | Knex.Transaction, userId: string): Promise<void> {
  await db('chat_rooms')
    .insert(ROOM_KINDS.map((kind) => ({ user_id: userId, kind })))
    .onConflict(['user_id', 'kind'])
    .ignore();
}

export interface RoomSummary {
  id: string;
  kind: RoomKind;
  unread: number;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
}

export async function listLearnerRooms(knex: Knex, userId: string): Promise<RoomSummary[]> {
  await ensureLearnerRooms(knex, userId);
  const rows = await knex('chat_rooms as r')
    .where('r.user_id', userId)
    .select(
      'r.id',
      'r.kind',
      knex.raw(
        `(select count(*) from chat_messages m where m.room_id = r.id and m.read_at is null and m.author_kind <> 'learner')::int as unread`,
      ),
      knex.raw(
        `(select json_build_object('at', m.created_at, 'body', left(m.body, 140)) from chat_messages m
          where m.room_id = r.id order by m.created_at desc limit 1) as last`,
      ),
    );
  const order = new Map(ROOM_KINDS.map((k, i) => [k, i]));
  return rows
    .map((r: { id: string; kind: RoomKind; unread: number; last: { at: string; body: string } | null }) => ({
      id: r.id,
      kind: r.kind,
      unread: r.unread,
      lastMessageAt: r.last ? new Date(r.last.at).toISOString() : null,
      lastMessagePreview: r.last?.body ?? null,
    }))
    .sort((a: RoomSummary, b: RoomSummary) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0));
}

export interface MessageView {
  id: string;
  kind: string;
  author: string;
  body: string;
  payload: Record<string, unknown>;
  sessionId: string | null;
  createdAt: string;
}

/**
 * Messages of a room, only when the room belongs to userId: others get null (the route says 404).
 * Newest first by (created_at, id), so messages sharing a timestamp keep one order; the page is
 * returned oldest first. `before` is a message id (a keyset cursor: exact, even for messages posted
 * in one transaction) or a time (strictly older than it).
 */
export async function listRoomMessages(
  knex: Knex,
  userId: string,
  roomId: string,
  options: { before?: Date | { messageId: string } | undefined; limit: number },
): Promise<MessageView[] | null> {
  const room = await knex('chat_rooms').where({ id: roomId, user_id: userId }).first('id');
  if (!room) return null;
  const query = knex('chat_messages').where({ room_id: roomId }).orderBy([
    { column: 'created_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ]);
  query.limit(options.limit);
  const { before } = options;
  if (before instanceof Date) query.where('created_at', '<', before);
  else if (before) {
    // A cursor from another room matches no row, so the page is empty rather than someone else's.
    query.whereRaw('(created_at, id) < (select c.created_at, c.id from chat_messages c where c.id = ? and c.room_id = ?)', [
      before.messageId,
      roomId,
    ]);
  }
  const rows = await query;
  return rows.reverse().map((m) => ({
    id: m.id,
    kind: m.kind,
    author: m.author_kind,
    body: m.body,
    payload: m.payload,
    sessionId: m.session_id,
    createdAt: new Date(m.created_at).toISOString(),
  }));
}

/** The cook has seen a room: everyone else's messages in it count as read. Someone else's room: false. */
export async function markRoomRead(knex: Knex, userId: string, roomId: string): Promise<boolean> {
  const room = await knex('chat_rooms').where({ id: roomId, user_id: userId }).first('id');
  if (!room) return false;
  await knex('chat_messages').where({ room_id: roomId }).whereNull('read_at').whereNot({ author_kind: 'learner' }).update({ read_at: knex.fn.now() });
  return true;
}

export type RoomMessageView = MessageView & { roomId: string };

/**
 * Messages in any of the cook's rooms created after `since` (oldest first, at most `limit`), for
 * the live event stream. The caller keeps a little overlap and drops ids it has already sent, since
 * a message's created_at is its transaction's start and may commit a moment later.
 */
export async function listMessagesSince(knex: Knex, userId: string, since: Date, limit = 100): Promise<RoomMessageView[]> {
  const rows = await knex('chat_messages as m')
    .join('chat_rooms as r', 'r.id', 'm.room_id')
    .where('r.user_id', userId)
    .where('m.created_at', '>', since)
    .orderBy([{ column: 'm.created_at', order: 'asc' }, { column: 'm.id', order: 'asc' }])
    .limit(limit)
    .select('m.*');
  return rows.map((m) => ({
    id: m.id,
    roomId: m.room_id,
    kind: m.kind,
    author: m.author_kind,
    body: m.body,
    payload: m.payload,
    sessionId: m.session_id,
    createdAt: new Date(m.created_at).toISOString(),
  }));
}

export interface PostedMessage {
  id: string;
  roomId: string;
  kind: string;
  author: string;
  body: string;
  payload: Record<string, unknown>;
  sessionId: string | null;
  createdAt: string;
}

export function toPostedMessage(row: Record<string, unknown>): PostedMessage {
  return {
    id: row.id as string,
    roomId: row.room_id as string,
    kind: row.kind as string,
    author: row.author_kind as string,
    body: row.body as string,
    payload: (row.payload as Record<string, unknown>) ?? {},
    sessionId: (row.session_id as string | null) ?? null,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

/** The user's own room (with its AI pause flag), or undefined for anyone else's. */
export async function findOwnRoom(knex: Knex, userId: string, roomId: string): Promise<{ id: string; kind: RoomKind; ai_paused: boolean } | undefined> {
  return knex('chat_rooms').where({ id: roomId, user_id: userId }).first('id', 'kind', 'ai_paused');
}

export async function insertLearnerMessage(knex: Knex, input: { roomId: string; sessionId: string | null; userId: string; body: string }): Promise<PostedMessage> {
  const [row] = await knex('chat_messages')
    .insert({ room_id: input.roomId, session_id: input.sessionId, kind: 'text', author_kind: 'learner', author_user_id: input.userId, body: input.body })
    .returning('*');
  return toPostedMessage(row);
}

/** Posts a message from the system side exactly once: the idempotency key makes a retried stage a no-op. */
export async function postOnce(
  db: Knex | Knex.Transaction,
  input: {
    userId: string;
    roomKind: 'my_coaching' | 'cooking_videos' | 'help';
    kind: 'text' | 'coaching_text' | 'video' | 'system';
    author: 'ai' | 'coach';
    authorUserId?: string | null;
    sessionId: string | null;
    body: string;
    payload?: Record<string, unknown>;
    idempotencyKey: string;
  },
): Promise<{ message: PostedMessage; created: boolean }> {
  await db('chat_rooms').insert({ user_id: input.userId, kind: input.roomKind }).onConflict(['user_id', 'kind']).ignore();
  const room = await db('chat_rooms').where({ user_id: input.userId, kind: input.roomKind }).first('id');
  const [inserted] = await db('chat_messages')
    .insert({
      room_id: room.id,
      session_id: input.sessionId,
      kind: input.kind,
      author_kind: input.author,
      author_user_id: input.authorUserId ?? null,
      body: input.body,
      payload: JSON.stringify(input.payload ?? {}),
      idempotency_key: input.idempotencyKey,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning('*');
  if (inserted) return { message: toPostedMessage(inserted), created: true };
  const existing = await db('chat_messages').where({ idempotency_key: input.idempotencyKey }).first();
  return { message: toPostedMessage(existing), created: false };
}

export interface RecentQuestionCounts {
  minute: number;
  day: number;
  /** Epoch seconds of the oldest question of the last minute / day (null when none). */
  oldestMinute: number | null;
  oldestDay: number | null;
}

/** The cook's questions (learner messages in any of their rooms) of the last minute and day. */
export async function recentQuestionCounts(db: Knex | Knex.Transaction, userId: string): Promise<RecentQuestionCounts> {
  const rooms = db('chat_rooms').where({ user_id: userId }).select('id');
  const row = await db('chat_messages')
    .whereIn('room_id', rooms)
    .where({ author_kind: 'learner' })
    .where('created_at', '>', db.raw(`now() - interval '1 day'`))
    .first(
      db.raw(`count(*) filter (where created_at > now() - interval '1 minute')::int as minute`),
      db.raw('count(*)::int as day'),
      db.raw(`extract(epoch from min(created_at) filter (where created_at > now() - interval '1 minute'))::float as oldest_minute`),
      db.raw('extract(epoch from min(created_at))::float as oldest_day'),
    );
  return { minute: row.minute, day: row.day, oldestMinute: row.oldest_minute, oldestDay: row.oldest_day };
}

/**
 * Questions of the last 15 minutes in rooms the AI answers, with no reply yet (a reply is posted
 * once under the key reply:<question id>); older ones have failed or been handed to a coach.
 */
export async function questionsAwaitingReply(db: Knex | Knex.Transaction, userId: string): Promise<number> {
  const row = await db('chat_messages as q')
    .join('chat_rooms as r', 'r.id', 'q.room_id')
    .where('r.user_id', userId)
    .whereNot('r.kind', 'help')
    .where('q.author_kind', 'learner')
    .where('q.created_at', '>', db.raw(`now() - interval '15 minutes'`))
    .whereNotExists(db('chat_messages as a').whereRaw(`a.idempotency_key = 'reply:' || q.id::text`).select(db.raw('1')))
    .first(db.raw('count(*)::int as n'));
  return row.n;
}

export type QuestionRow = ModelObject<ChatMessage> & { user_id: string; room_kind: RoomKind; ai_paused: boolean; user_name: string; locale: 'ja' | 'en' };

/** A message with its room (kind, AI pause) and the room owner's name and locale. */
export async function messageWithRoomOwner(db: Knex | Knex.Transaction, messageId: string): Promise<QuestionRow | undefined> {
  return db('chat_messages as m')
    .join('chat_rooms as r', 'r.id', 'm.room_id')
    .join('users as u', 'u.id', 'r.user_id')
    .where('m.id', messageId)
    .first('m.*', 'r.user_id', 'r.kind as room_kind', 'r.ai_paused', 'u.name as user_name', 'u.locale');
}

/** The room's messages up to a moment, newest first. */
export async function roomMessagesUpTo(db: Knex | Knex.Transaction, roomId: string, at: Date, limit: number): Promise<Array<ModelObject<ChatMessage>>> {
  return db('chat_messages').where({ room_id: roomId }).where('created_at', '<=', at).orderBy('created_at', 'desc').limit(limit);
}

export interface HandOverRow {
  id: string;
  room_id: string;
  payload: { handOverReason?: string; intent?: string } | null;
  user_id: string;
  user_name: string;
  question_id: string | null;
  question: string | null;
  asked_at: Date | null;
  handed_at: Date;
}

/**
 * AI messages that handed a question to a coach (payload.handToCoach) with no coach message after
 * them in the same room, oldest first, with the question they answered and the cook.
 */
export async function unansweredHandOvers(db: Knex | Knex.Transaction, limit: number): Promise<HandOverRow[]> {
  return db('chat_messages as a')
    .join('chat_rooms as r', 'r.id', 'a.room_id')
    .join('users as u', 'u.id', 'r.user_id')
    .leftJoin('chat_messages as q', 'q.id', db.raw("(a.payload->>'inReplyTo')::uuid"))
    .where('a.author_kind', 'ai')
    .whereRaw("(a.payload->>'handToCoach')::boolean is true")
    .whereNotExists(db('chat_messages as c').whereRaw('c.room_id = a.room_id').where('c.author_kind', 'coach').whereRaw('c.created_at > a.created_at'))
    .orderBy('a.created_at', 'asc')
    .limit(limit)
    .select('a.id', 'a.room_id', 'a.payload', 'u.id as user_id', 'u.name as user_name', 'q.id as question_id', 'q.body as question', 'q.created_at as asked_at', 'a.created_at as handed_at');
}
