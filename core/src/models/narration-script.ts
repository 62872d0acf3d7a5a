import { BaseModel } from './base-model';

export class NarrationScript extends BaseModel {
  static override tableName = 'narration_scripts';
  declare id: string;
  declare session_id: string;
  declare version: number;
  declare author_kind: 'ai' | 'coach';
  declare author_user_id: string | null;
  declare content: Record<string, unknown>;
  declare key_moment: { start: number; end: number };
  declare model: string | null;
  declare prompt_version: string | null;
  declare created_at: Date;
}
