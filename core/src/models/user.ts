import { BaseModel } from './base-model';

export class User extends BaseModel {
  static override tableName = 'users';
  declare id: string;
  declare email: string;
  declare name: string;
  declare role: 'learner' | 'coach' | 'content' | 'admin';
  declare locale: 'ja' | 'en';
  declare password_hash: string | null;
  declare clerk_user_id: string | null;
  declare disabled: boolean;
  declare is_demo: boolean;
  declare last_login_at: Date | null;
  declare created_at: Date;
  declare updated_at: Date;
}
