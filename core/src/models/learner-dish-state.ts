import { BaseModel } from './base-model';

export class LearnerDishState extends BaseModel {
  static override tableName = 'learner_dish_states';
  declare id: string;
  declare user_id: string;
  declare dish_id: string;
  declare sessions_completed: number;
  declare state: Record<string, unknown>;
}
