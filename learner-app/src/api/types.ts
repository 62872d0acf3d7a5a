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

export interface Message {
  id: string;
  kind: MessageKind;
  author: MessageAuthor;
  body: string;
  createdAt: string;
}

/** Body of every API error response. */
export interface ApiErrorBody {
  error: { code: string; message: string };
  requestId?: string;
}
