import { BaseModel } from './base-model';

export class CookingSession extends BaseModel {
  static override tableName = 'cooking_sessions';
  declare id: string;
  declare user_id: string;
  declare dish_id: string;
  declare attempt_number: number;
  declare self_ratings: Record<string, number>;
  declare note: string | null;
  declare transcript: string | null;
  declare status: string;
  declare failed_stage: string | null;
  declare failure_reason: string | null;
  /** Stable code of the failure (a media error code such as not_media), when known. */
  declare failure_code: string | null;
  declare retry_count: number;
  declare uploaded_at: Date | null;
  declare delivered_at: Date | null;
  declare deleted_at: Date | null;
  declare created_at: Date;
  declare updated_at: Date;
}
