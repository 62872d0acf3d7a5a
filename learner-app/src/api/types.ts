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

export interface Bilingual {
  ja: string;
  en: string;
}

export type SessionStatus =
  | 'created'
  | 'uploading'
  | 'uploaded'
  | 'ingesting'
  | 'transcribing'
  | 'analyzing'
  | 'retrieving'
  | 'coaching'
  | 'narrating'
  | 'rendering'
  | 'in_review'
  | 'delivered'
  | 'failed';

export interface CookingSession {
  id: string;
  dish: { slug: string; name: Bilingual };
  attemptNumber: number;
  status: SessionStatus;
  note: string | null;
  selfRatings: Record<string, number>;
  failedStage: string | null;
  failureReason: string | null;
  createdAt: string;
  uploadedAt: string | null;
  coachTextSentAt: string | null;
  deliveredAt: string | null;
  posterUrl?: string | null;
}

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

export interface HistorySession {
  id: string;
  attemptNumber: number;
  status: SessionStatus;
  createdAt: string;
  coachTextSentAt: string | null;
  deliveredAt: string | null;
  note: string | null;
  selfRatings: Record<string, number>;
  failureReason: string | null;
  diagnosis: { code: string; problem: Bilingual } | null;
  skill: Bilingual | null;
  posterUrl: string | null;
  coachingMessage: { id: string; roomId: string } | null;
  videoMessage: { id: string; roomId: string } | null;
}

export interface DishHistory {
  dish: { slug: string; name: Bilingual };
  nextAttempt: number;
  sessionsCoached: number;
  recurring: Array<{ code: string; problem: Bilingual; sessions: number[]; open: boolean }>;
  improved: Array<{ code: string; problem: Bilingual; lastSeen: number; evidence: { session: number; findingScore: number | null } }>;
  sessions: HistorySession[];
}

export const SELF_RATING_KEYS = ['taste', 'doneness', 'texture', 'confidence'] as const;
export type SelfRatingKey = (typeof SELF_RATING_KEYS)[number];

/** Body of every API error response. */
export interface ApiErrorBody {
  error: { code: string; message: string };
  requestId?: string;
}
