import { BaseModel } from './base-model';

export class CoachingText extends BaseModel {
  static override tableName = 'coaching_texts';
  declare id: string;
  declare session_id: string;
  declare message_id: string | null;
  declare content: Record<string, unknown>;
  declare body: string;
  declare provider: string;
  declare model: string;
  declare prompt_version: string | null;
  declare created_at: Date;
}
