import { BaseModel } from './base-model';

export class SessionSummary extends BaseModel {
  static override tableName = 'session_summaries';
  declare id: string;
  declare session_id: string;
  declare user_id: string;
  declare dish_id: string;
  declare summary: string;
  declare embedding: string | null;
  declare embedding_model: string | null;
  declare created_at: Date;
}
