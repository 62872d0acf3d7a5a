import type { Bilingual, SessionStatus as ServerSessionStatus } from '@ajimi/core/contracts/common';
export type UserRole = string;

export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  locale: string;
}

export const ROOM_KINDS = ['my_coaching', 'cooking_videos', 'help'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export interface Room {
  id: string;
  kind: RoomKind;
  unread: number;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
}

export type MessageKind = 'text' | 'coaching_text' | 'video' | 'system';
export type MessageAuthor = 'learner' | 'ai' | 'coach';

export interface MessageMedia {
  videoUrl: string;
  posterUrl: string | null;
  durationSec: number | null;
  expiresAt: string;
}

export interface Message {
  id: string;
  kind: MessageKind;
  author: MessageAuthor;
  body: string;
  createdAt: string;
  payload: Record<string, unknown>;
  sessionId: string | null;
  /** Video messages only: signed links, or null when the video is not available to this cook. */
  media?: MessageMedia | null;
  /** Set on the cook's own just-posted message: who will answer. */
  awaiting?: 'ai' | 'coach';
}

export type { Bilingual };

/** The server's statuses (core/src/contracts) plus the app's own 'uploading' while a video is on its way. */
export type SessionStatus = ServerSessionStatus | 'uploading';
export type { CookingSessionView as CookingSession, DishHistory, HistorySession } from '@ajimi/core/contracts/sessions';

export interface Dish {
  slug: string;
  name: Bilingual;
  nextAttempt: number;
  sessionsCoached: number;
  lastSessionAt: string | null;
}

export interface Profile {
  name: string;
  locale: 'ja' | 'en';
  dishes: Dish[];
  onboarded: boolean;
}

export const SELF_RATING_KEYS = ['taste', 'doneness', 'texture', 'confidence'] as const;
export type SelfRatingKey = (typeof SELF_RATING_KEYS)[number];

/** Body of every API error response. */
export interface ApiErrorBody {
  error: { code: string; message: string };
  requestId?: string;
}
