import { BaseModel } from './base-model';

export class Analysis extends BaseModel {
  static override tableName = 'analyses';
  declare id: string;
  declare session_id: string;
  declare provider: string;
  declare model: string;
  declare prompt_version: string | null;
  declare result: Record<string, unknown>;
  declare retrieval: Record<string, unknown> | null;
  declare created_at: Date;
}
