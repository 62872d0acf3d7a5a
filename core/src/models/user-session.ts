import { BaseModel } from './base-model';

export class UserSession extends BaseModel {
  static override tableName = 'user_sessions';
  declare id: string;
  declare user_id: string;
  declare created_at: Date;
  declare expires_at: Date;
  declare revoked_at: Date | null;
  declare user_agent: string | null;
}
