import type { Bilingual, SessionStatus } from './common';

/** A cook's session as the learner app sees it (GET /api/sessions, /api/sessions/:id). */
export interface CookingSessionView {
  id: string;
  dish: { slug: string; name: Bilingual };
  attemptNumber: number;
  status: SessionStatus;
  note: string | null;
  selfRatings: Record<string, number>;
  failedStage: string | null;
  failureReason: string | null;
  /** Whether another video file can be sent for this session (e.g. after the server rejected the last one): the same session number. */
  acceptsNewVideo: boolean;
  createdAt: string;
  uploadedAt: string | null;
  coachTextSentAt: string | null;
  deliveredAt: string | null;
  /** Only in lists: a signed URL of the session's poster. */
  posterUrl?: string | null;
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
  /** Where the coaching text and the video sit in the chat, to jump there. */
  coachingMessage: { id: string; roomId: string } | null;
  videoMessage: { id: string; roomId: string } | null;
}

/** GET /api/dishes/:slug/history */
export interface DishHistory {
  dish: { slug: string; name: Bilingual };
  nextAttempt: number;
  sessionsCoached: number;
  /** Problems diagnosed in two or more sessions, the latest one still open when `open`. */
  recurring: Array<{ code: string; problem: Bilingual; sessions: number[]; open: boolean }>;
  /** Problems diagnosed earlier that the latest coached session no longer shows. */
  /**
   * Problems diagnosed in an earlier coachable session that the latest coachable session of the same
   * dish no longer shows (neither as its diagnosis nor among its findings), with that evidence.
   */
  improved: Array<{ code: string; problem: Bilingual; lastSeen: number; evidence: { session: number; findingScore: number | null } }>;
  sessions: HistorySession[]; // newest first
}
