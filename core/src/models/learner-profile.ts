import { BaseModel } from './base-model';

export class LearnerProfile extends BaseModel {
  static override tableName = 'learner_profiles';
  static override idColumn = 'user_id';
  declare user_id: string;
  declare display_name: string | null;
  declare dish_ids: string[];
  declare preferences: Record<string, unknown>;
  declare onboarded_at: Date | null;
}
