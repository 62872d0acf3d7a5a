export interface Bilingual {
  ja: string;
  en: string;
}

export interface Cook {
  id: string;
  name: string;
  email: string;
  session_count: number;
  last_session_at: string | null;
  last_message_at: string | null;
  ai_paused: boolean;
  awaiting_reply: boolean;
}

export interface JourneySession {
  id: string;
  attemptNumber: number;
  status: string;
  createdAt: string;
  failedStage: string | null;
  failureReason: string | null;
  note: string | null;
  analysis: {
    diagnosis: { code: string; problem: Bilingual; why: Bilingual } | null;
    abstain?: { reason: string; message: Bilingual } | null;
    keyMoments: Array<{ start: number; end: number; reason: Bilingual }>;
    principles: Array<{ slug: string; score: number }>;
  } | null;
  coachingText: { body: string; sentAt: string } | null;
  video: { url: string; posterUrl: string | null } | null;
  renders: Array<{ version: number; status: string; progress: number; error: string | null; url: string | null; posterUrl: string | null }>;
}

export interface CookJourney {
  id: string;
  name: string;
  email: string;
  dishes: Array<{ slug: string; name: Bilingual; sessionsCompleted: number; sessions: JourneySession[] }>;
}

export interface CookRoom {
  id: string;
  kind: 'my_coaching' | 'cooking_videos' | 'help';
  aiPaused: boolean;
  pausedBy: { id: string; name: string } | null;
}

export interface ChatMessage {
  id: string;
  roomId: string;
  kind: string;
  author: 'learner' | 'ai' | 'coach';
  authorName: string | null;
  body: string;
  sessionId: string | null;
  createdAt: string;
}
