import { BaseModel } from './base-model';

export class ChatMessage extends BaseModel {
  static override tableName = 'chat_messages';
  declare id: string;
  declare room_id: string;
  declare session_id: string | null;
  declare kind: 'text' | 'coaching_text' | 'video' | 'system';
  declare author_kind: 'learner' | 'ai' | 'coach';
  declare author_user_id: string | null;
  declare body: string;
  declare payload: Record<string, unknown>;
  declare idempotency_key: string | null;
  declare created_at: Date;
  declare read_at: Date | null;
}
