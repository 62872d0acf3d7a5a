import { BaseModel } from './base-model';

export class ReviewItem extends BaseModel {
  static override tableName = 'review_items';
  declare id: string;
  declare session_id: string;
  declare status: 'pending' | 'in_review' | 'approved' | 'sent_back';
  declare assignee_id: string | null;
  declare reserved_until: Date | null;
  declare render_id: string | null;
  declare decision: 'approved' | 'sent_back' | null;
  declare decision_reason: string | null;
  declare decided_by: string | null;
  declare decided_at: Date | null;
  declare created_at: Date;
  declare updated_at: Date;
}
