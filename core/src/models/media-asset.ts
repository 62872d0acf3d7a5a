import { BaseModel } from './base-model';

export class MediaAsset extends BaseModel {
  static override tableName = 'media_assets';
  declare id: string;
  declare owner_user_id: string;
  declare session_id: string | null;
  declare kind: 'source_video' | 'voice_memo' | 'proxy' | 'poster' | 'sprite' | 'render' | 'tts_audio';
  declare storage_driver: string;
  declare storage_key: string;
  declare content_type: string | null;
  declare size_bytes: number | null;
  declare checksum_sha256: string | null;
  declare probe: Record<string, unknown> | null;
  declare original_filename: string | null;
  declare created_at: Date;
  declare deleted_at: Date | null;
}
