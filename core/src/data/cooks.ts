/**
 * Cooks as the coach's console sees them: learner accounts with their activity, their journey
 * (sessions per dish with analysis, text, review, media, renders) and their chat rooms.
 */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Analysis } from '../models/analysis';
import type { ChatMessage } from '../models/chat-message';
import type { ChatRoom } from '../models/chat-room';
import type { CoachingText } from '../models/coaching-text';
import type { CookingSession } from '../models/cooking-session';
import type { ReviewItem } from '../models/review-item';
import { pageOf, type ListPage, type ListQuery } from './list-query';
import type { UserRow } from './users';

type Db = Knex | Knex.Transaction;

export interface CookListFilter {
  q?: string | undefined;
  dish?: string | undefined;
  ai_paused?: boolean | undefined;
  awaiting_reply?: boolean | undefined;
  id?: string[] | undefined;
}

export interface CookListRow {
  id: string;
  name: string;
  email: string;
  locale: 'ja' | 'en';
  disabled: boolean;
  created_at: Date;
  session_count: number;
  last_session_at: Date | null;
  last_message_at: Date | null;
  ai_paused: boolean;
  awaiting_reply: boolean;
}

// A constant, written into the SQL (no bound parameter), which also lets the planner use the
// learners' partial index on cook_activity.
const LEARNERS = "c.role = 'learner'";
const COOK_LIST_COLUMNS = ['user_id as id', 'name', 'email', 'locale', 'disabled', 'created_at', 'session_count', 'last_session_at', 'last_message_at', 'ai_paused', 'awaiting_reply'];

/**
 * One page of learner accounts with their session and chat activity, from cook_activity alone:
 * triggers keep its rows equal to the accounts and to the aggregates over their sessions, rooms and
 * messages (db/migrations/20261206400100_cook_activity.ts). The default sort by last message is an
 * index scan of one table, and its count a count of the same table.
 */
export async function pageCooks(knex: Knex, list: ListQuery<CookListFilter>): Promise<ListPage<CookListRow>> {
  const query = knex('cook_activity as c').whereRaw(LEARNERS);
  const { q, dish, id, ai_paused, awaiting_reply } = list.filter;
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query.where((w) => w.whereRaw(`c.email ilike ? escape '\\'`, [pattern]).orWhereRaw(`c.name ilike ? escape '\\'`, [pattern]));
  }
  if (dish) {
    query.whereExists(
      knex('cooking_sessions as s').join('dishes as d', 'd.id', 's.dish_id').whereRaw('s.user_id = c.user_id').where('d.slug', dish).whereNull('s.deleted_at'),
    );
  }
  if (id) query.whereIn('c.user_id', id);
  if (ai_paused !== undefined) query.where('c.ai_paused', ai_paused);
  if (awaiting_reply !== undefined) query.where('c.awaiting_reply', awaiting_reply);
  return pageOf<CookListRow>(query, list, COOK_LIST_COLUMNS);
}

/** Whether the id is a learner account (coaches only ever act on cooks). */
export async function isCook(db: Db, cookId: string): Promise<boolean> {
  return Boolean(await db('users').where({ id: cookId, role: 'learner' }).first('id'));
}

export type CookProfileRow = Pick<UserRow, 'id' | 'name' | 'email' | 'locale' | 'disabled' | 'created_at'> & { display_name: string | null };

/** The cook's account with their chosen display name; undefined for anyone who is not a learner. */
export async function cookProfile(db: Db, cookId: string): Promise<CookProfileRow | undefined> {
  return db('users as u')
    .leftJoin('learner_profiles as lp', 'lp.user_id', 'u.id')
    .where({ 'u.id': cookId, 'u.role': 'learner' })
    .first('u.id', 'u.name', 'u.email', 'u.locale', 'u.disabled', 'u.created_at', 'lp.display_name');
}

export type JourneySessionRow = ModelObject<CookingSession> & { coach_text_sent_at: Date | null; dish_slug: string; name_ja: string; name_en: string };

/** The cook's live sessions with their dish, per dish in attempt order. */
export async function journeySessions(db: Db, cookId: string): Promise<JourneySessionRow[]> {
  return db('cooking_sessions as s')
    .join('dishes as d', 'd.id', 's.dish_id')
    .where('s.user_id', cookId)
    .whereNull('s.deleted_at')
    .orderBy([{ column: 'd.slug' }, { column: 's.attempt_number', order: 'asc' }])
    .select('s.*', 'd.slug as dish_slug', 'd.name_ja', 'd.name_en');
}

export type JourneyAnalysisRow = Pick<ModelObject<Analysis>, 'session_id' | 'provider' | 'model' | 'result' | 'retrieval' | 'created_at'>;

/** Analyses of the sessions, newest first. */
export async function journeyAnalyses(db: Db, sessionIds: string[]): Promise<JourneyAnalysisRow[]> {
  return db('analyses').whereIn('session_id', sessionIds).orderBy('created_at', 'desc').select('session_id', 'provider', 'model', 'result', 'retrieval', 'created_at');
}

export async function journeyCoachingTexts(db: Db, sessionIds: string[]): Promise<Array<Pick<ModelObject<CoachingText>, 'session_id' | 'body' | 'created_at'>>> {
  return db('coaching_texts').whereIn('session_id', sessionIds).select('session_id', 'body', 'created_at');
}

export async function journeyReviews(db: Db, sessionIds: string[]): Promise<Array<Pick<ModelObject<ReviewItem>, 'session_id' | 'status' | 'decision' | 'decided_at'>>> {
  return db('review_items').whereIn('session_id', sessionIds).select('session_id', 'status', 'decision', 'decided_at');
}

export interface JourneyRenderRow {
  session_id: string;
  version: number;
  status: string;
  progress: number;
  error: string | null;
  created_at: Date;
  video_key: string | null;
  poster_key: string | null;
}

/** Every render of the sessions (newest version first) with the storage keys of its video and poster. */
export async function journeyRenders(db: Db, sessionIds: string[]): Promise<JourneyRenderRow[]> {
  return db('renders as r')
    .leftJoin('media_assets as v', 'v.id', 'r.video_asset_id')
    .leftJoin('media_assets as p', 'p.id', 'r.poster_asset_id')
    .whereIn('r.session_id', sessionIds)
    .orderBy('r.version', 'desc')
    .select('r.session_id', 'r.version', 'r.status', 'r.progress', 'r.error', 'r.created_at', 'v.storage_key as video_key', 'p.storage_key as poster_key');
}

export interface CookRoomRow {
  id: string;
  kind: ModelObject<ChatRoom>['kind'];
  ai_paused: boolean;
  paused_by: string | null;
  paused_by_name: string | null;
}

/** The cook's chat rooms with the name of the coach holding each (if any). */
export async function cookRoomsWithHolder(db: Db, cookId: string): Promise<CookRoomRow[]> {
  return db('chat_rooms as r').leftJoin('users as u', 'u.id', 'r.paused_by').where('r.user_id', cookId).select('r.id', 'r.kind', 'r.ai_paused', 'r.paused_by', 'u.name as paused_by_name');
}

export type TranscriptRow = ModelObject<ChatMessage> & { author_name: string | null };

/** The newest messages of the rooms (newest first) with their author's name. */
export async function roomsTranscript(db: Db, roomIds: string[], limit: number): Promise<TranscriptRow[]> {
  return db('chat_messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_user_id')
    .whereIn('m.room_id', roomIds)
    .orderBy([
      { column: 'm.created_at', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ])
    .limit(limit)
    .select('m.*', 'u.name as author_name');
}

/** Locks one of the cook's rooms for the rest of the transaction; undefined when it is not theirs. */
export async function lockCookRoom(trx: Knex.Transaction, cookId: string, roomId: string): Promise<ModelObject<ChatRoom> | undefined> {
  return trx('chat_rooms').where({ id: roomId, user_id: cookId }).forUpdate().first();
}

/** A coach holds the room (pausedBy) or hands it back to the AI (null). */
export async function setRoomHolder(db: Db, roomId: string, pausedBy: string | null): Promise<void> {
  await db('chat_rooms').where({ id: roomId }).update({ ai_paused: pausedBy !== null, paused_by: pausedBy });
}

/** A coach's message in the cook's room. */
export async function insertCoachMessage(db: Db, m: { roomId: string; sessionId: string | null; coachId: string; body: string }): Promise<ModelObject<ChatMessage>> {
  const [row] = await db('chat_messages')
    .insert({ room_id: m.roomId, session_id: m.sessionId, kind: 'text', author_kind: 'coach', author_user_id: m.coachId, body: m.body })
    .returning('*');
  return row;
}
