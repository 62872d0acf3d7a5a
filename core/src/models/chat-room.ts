import { BaseModel } from './base-model';

export class ChatRoom extends BaseModel {
  static override tableName = 'chat_rooms';
  declare id: string;
  declare user_id: string;
  declare kind: 'my_coaching' | 'cooking_videos' | 'help';
  declare ai_paused: boolean;
  declare paused_by: string | null;
  declare created_at: Date;
}
