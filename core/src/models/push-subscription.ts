import { BaseModel } from './base-model';

export class PushSubscription extends BaseModel {
  static override tableName = 'push_subscriptions';
  declare id: string;
  declare user_id: string;
  declare endpoint: string;
  declare p256dh: string;
  declare auth: string;
  declare user_agent: string | null;
  declare failure_count: number;
  declare last_success_at: Date | null;
  declare created_at: Date;
}
