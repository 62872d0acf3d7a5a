import { BaseModel } from './base-model';

/** One coach correction of a sent coaching text: version 2, 3, ... with the text it replaced. */
export class CoachingTextCorrection extends BaseModel {
  static override tableName = 'coaching_text_corrections';
  declare id: string;
  declare coaching_text_id: string;
  declare version: number;
  declare body: string;
  declare previous_body: string;
  declare corrected_by: string | null;
  declare notice_message_id: string | null;
  declare push_queued_at: Date | null;
  declare created_at: Date;
}
