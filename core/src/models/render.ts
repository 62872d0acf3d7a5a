import { BaseModel } from './base-model';

export class Render extends BaseModel {
  static override tableName = 'renders';
  declare id: string;
  declare session_id: string;
  declare version: number;
  declare script_id: string;
  declare status: 'queued' | 'rendering' | 'done' | 'failed' | 'superseded';
  declare progress: number;
  declare spec: Record<string, unknown> | null;
  declare video_asset_id: string | null;
  declare poster_asset_id: string | null;
  declare error: string | null;
  declare started_at: Date | null;
  declare finished_at: Date | null;
  declare created_at: Date;
}
